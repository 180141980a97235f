import request from 'supertest';
import { buildOpenApiDocument } from '../../src/common/http/swagger';
import { SessionStatus } from '../../src/modules/sessions/session.entity';
import { Role } from '../../src/common/auth/role';
import { clearPending, insertRequest } from '../factories/requests.factory';
import { insertSession } from '../factories/sessions.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { OpenApiResponseValidator } from '../utils/openapi-validator';
import { listen, openStream } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';
import matrix from './permission-matrix.json';

type Actor = 'anonymous' | 'owningStudent' | 'otherStudent' | 'assignedMentor' | 'unassignedMentor' | 'admin';
const ACTORS = matrix.actors as Actor[];

interface Call {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

/**
 * Every route × every actor against the real guards, from a machine-readable matrix. Each cell gets
 * fresh resources owned by the owning student, so cells do not depend on each other.
 */
describe('Permission matrix (HTTP)', () => {
  let t: TestApp;
  let baseUrl: string;
  let validator: OpenApiResponseValidator;
  const users = {} as Record<Exclude<Actor, 'anonymous'> | 'secondAdmin', TestUser>;
  const sessions = {} as Record<Exclude<Actor, 'anonymous'> | 'secondAdmin', Session>;
  let cell = 0;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
    validator = new OpenApiResponseValidator(buildOpenApiDocument(t.app));
    users.owningStudent = await createUser(t, Role.Student, { quotaOverride: 31 });
    users.otherStudent = await createUser(t, Role.Student, { quotaOverride: 31 });
    users.assignedMentor = await createUser(t, Role.Mentor);
    users.unassignedMentor = await createUser(t, Role.Mentor);
    users.admin = await createUser(t, Role.Admin);
    users.secondAdmin = await createUser(t, Role.Admin);
    await assign(t, users.owningStudent, users.assignedMentor);
    for (const key of Object.keys(users) as (keyof typeof users)[]) sessions[key] = await login(t, users[key]);
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const slot = () => {
    const start = 200 + (cell++ % 5000) * 2;
    return { startsAt: hours(start), endsAt: hours(start + 1) };
  };

  async function ownersThread(): Promise<{ threadId: string; openingId: string }> {
    const res = await api()
      .post('/api/v1/discussions')
      .set(sessions.owningStudent.auth)
      .send({ title: 'Owner thread', body: 'Private question', audience: 'mentors', mode: 'anonymous' })
      .expect(201);
    return { threadId: res.body.id, openingId: res.body.opening.id };
  }

  async function pendingRequest(): Promise<string> {
    await clearPending(t, users.owningStudent);
    return insertRequest(t, users.owningStudent, users.assignedMentor, 'pending');
  }

  /** Builds the call for a route with fresh resources owned by the owning student. */
  async function prepare(route: string): Promise<Call> {
    const [, path] = route.split(' ');
    const withId = (id: string) => path.replace('{id}', id);
    switch (route) {
      case 'POST /api/v1/auth/login':
        return { path, body: { email: 'nobody@test.example', password: 'not-the-password' } };
      case 'POST /api/v1/auth/logout':
        return { path, body: {} };
      case 'POST /api/v1/auth/invitations/accept':
        return { path, body: { token: 'x'.repeat(43), password: 'a-long-enough-password' } };
      case 'POST /api/v1/auth/mfa/verify':
      case 'POST /api/v1/auth/mfa/enrolment/confirm':
        return { path, body: { challengeToken: 'x'.repeat(43), code: '000000' } };
      case 'POST /api/v1/auth/mfa/enrolment':
        return { path, body: { challengeToken: 'x'.repeat(43) } };
      case 'POST /api/v1/me/mfa/enrolment/confirm':
        // The admin has a pending enrolment, so a wrong code (not a missing enrolment) is what is refused.
        await api().post('/api/v1/me/mfa/enrolment').set(sessions.admin.auth).expect(200);
        return { path, body: { code: '000000' } };
      case 'POST /api/v1/me/mfa/recovery-codes':
        return { path, body: { code: '000000' } };
      case 'POST /api/v1/me/mfa/disable':
        return { path, body: { password: 'not-the-password' } };
      case 'PATCH /api/v1/me':
        return { path, body: { bio: 'Hello' } };
      case 'POST /api/v1/me/password':
        return { path, body: { currentPassword: 'not-my-password', newPassword: 'a-new-long-passphrase' } };
      case 'POST /api/v1/me/notifications/read':
        return { path, body: { all: true } };
      case 'GET /api/v1/calendar/{feed}': {
        const feed = await api().get('/api/v1/me/calendar-feed').set(sessions.owningStudent.auth).expect(200);
        return { path: new URL(feed.body.url).pathname };
      }
      case 'POST /api/v1/admin/users':
        return {
          path,
          body: { email: `new${cell++}.${process.pid}@test.example`, displayName: 'New Person', role: 'student' },
        };
      case 'POST /api/v1/admin/users/import':
        return {
          path,
          body: `email,displayName,role\nimported${cell++}.${process.pid}@test.example,Imported,student\n`,
          contentType: 'text/csv',
        };
      case 'POST /api/v1/auth/password-reset':
        return { path, body: { email: 'nobody@test.example' } };
      case 'POST /api/v1/auth/password-reset/confirm':
        return { path, body: { token: 'x'.repeat(43), password: 'a-long-enough-password' } };
      case 'GET /api/v1/admin/users/{id}':
        return { path: withId(users.otherStudent.id) };
      case 'POST /api/v1/admin/users/{id}/invitation':
        // Only an account that never set a password can be invited again.
        return { path: withId((await createUser(t, Role.Student, { password: null })).id) };
      case 'POST /api/v1/admin/users/{id}/password-reset':
        // 409 for the admin: this test server has no SMTP_URL, so no reset e-mail could be sent.
        return { path: withId(users.otherStudent.id) };
      case 'PATCH /api/v1/admin/users/{id}':
        return { path: withId(users.otherStudent.id), body: { quotaOverride: 31 } };
      case 'POST /api/v1/admin/assignments': {
        const student = await createUser(t, Role.Student, { password: null });
        return { path, body: { studentId: student.id, mentorId: users.unassignedMentor.id } };
      }
      case 'DELETE /api/v1/admin/assignments/{id}':
        return {
          path: withId(await assign(t, await createUser(t, Role.Student, { password: null }), users.unassignedMentor)),
        };
      case 'PUT /api/v1/admin/settings':
        return {
          path,
          body: { monthlySessionQuota: 4, requestExpiryDays: 7, cancellationWindowHours: 24, programmeTimeZone: 'UTC' },
        };
      case 'GET /api/v1/admin/reports/sessions':
        return { path, query: { from: hours(-24), to: hours(24) } };
      case 'POST /api/v1/mentoring-requests':
        await clearPending(t, users.owningStudent);
        return { path, body: { mentorId: users.assignedMentor.id, topic: 'A question', message: 'Hello' } };
      case 'GET /api/v1/mentoring-requests/{id}':
      case 'POST /api/v1/mentoring-requests/{id}/withdraw':
        return { path: withId(await pendingRequest()) };
      case 'POST /api/v1/mentoring-requests/{id}/decline':
        return { path: withId(await pendingRequest()), body: {} };
      case 'POST /api/v1/mentoring-requests/{id}/accept':
        return { path: withId(await pendingRequest()), body: slot() };
      case 'POST /api/v1/sessions':
        return { path, body: { studentId: users.owningStudent.id, ...slot() } };
      case 'GET /api/v1/sessions/{id}':
        return {
          path: withId(await insertSession(t, users.assignedMentor, users.owningStudent, new Date(slot().startsAt))),
        };
      case 'PATCH /api/v1/sessions/{id}':
        return {
          path: withId(await insertSession(t, users.assignedMentor, users.owningStudent, new Date(slot().startsAt))),
          body: { agenda: 'Plans' },
        };
      case 'POST /api/v1/sessions/{id}/cancel':
        return {
          path: withId(await insertSession(t, users.assignedMentor, users.owningStudent, new Date(slot().startsAt))),
          body: { reason: 'Ill' },
        };
      case 'POST /api/v1/sessions/{id}/complete':
      case 'POST /api/v1/sessions/{id}/no-show':
        return {
          path: withId(
            await insertSession(
              t,
              users.assignedMentor,
              users.owningStudent,
              new Date(Date.now() - ((cell++ % 500) + 2) * 3_600_000),
              30,
              SessionStatus.Scheduled,
            ),
          ),
        };
      case 'POST /api/v1/discussions':
        return { path, body: { title: 'A new thread', body: 'Text', audience: 'community', mode: 'normal' } };
      case 'GET /api/v1/discussions/{id}':
      case 'GET /api/v1/discussions/{id}/posts':
      case 'POST /api/v1/admin/discussions/{id}/lock':
      case 'POST /api/v1/admin/discussions/{id}/unlock':
      case 'POST /api/v1/admin/discussions/{id}/hide':
      case 'POST /api/v1/admin/discussions/{id}/unhide':
        return { path: withId((await ownersThread()).threadId) };
      case 'POST /api/v1/discussions/{id}/posts':
        return { path: withId((await ownersThread()).threadId), body: { body: 'A reply', mode: 'normal' } };
      case 'PATCH /api/v1/posts/{id}':
        return { path: withId((await ownersThread()).openingId), body: { body: 'Edited' } };
      case 'DELETE /api/v1/posts/{id}':
      case 'POST /api/v1/admin/posts/{id}/hide':
      case 'POST /api/v1/admin/posts/{id}/unhide':
        return { path: withId((await ownersThread()).openingId) };
      case 'POST /api/v1/posts/{id}/report':
        return { path: withId((await ownersThread()).openingId), body: { reason: 'Please look' } };
      case 'POST /api/v1/admin/reports/{id}/dismiss': {
        const { openingId } = await ownersThread();
        await api()
          .post(`/api/v1/posts/${openingId}/report`)
          .set(sessions.assignedMentor.auth)
          .send({ reason: 'Please look' })
          .expect(204);
        const queue = await api()
          .get('/api/v1/admin/reports')
          .set(sessions.admin.auth)
          .query({ limit: 100 })
          .expect(200);
        return { path: withId(queue.body.items.find((r: { post: { id: string } }) => r.post.id === openingId).id) };
      }
      case 'POST /api/v1/admin/posts/{id}/reveal-requests':
        return {
          path: withId((await ownersThread()).openingId),
          body: { reason: 'A safeguarding concern was raised' },
        };
      case 'POST /api/v1/posts/{id}/accept': {
        const { threadId } = await ownersThread();
        const reply = await api()
          .post(`/api/v1/discussions/${threadId}/posts`)
          .set(sessions.assignedMentor.auth)
          .send({ body: 'Advice', mode: 'normal' })
          .expect(201);
        return { path: withId(reply.body.id) };
      }
      case 'POST /api/v1/admin/reveal-requests/{id}/approve':
      case 'POST /api/v1/admin/reveal-requests/{id}/reject': {
        const { openingId } = await ownersThread();
        const reveal = await api()
          .post(`/api/v1/admin/posts/${openingId}/reveal-requests`)
          .set(sessions.secondAdmin.auth)
          .send({ reason: 'A safeguarding concern was raised' })
          .expect(201);
        return { path: withId(reveal.body.id) };
      }
      default:
        if (path.includes('{')) throw new Error(`no fixture for ${route}`);
        return { path };
    }
  }

  it('should list every real route in the matrix, and nothing else', () => {
    const document = buildOpenApiDocument(t.app);
    const real = Object.entries(document.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(Object.keys(matrix.routes).sort()).toEqual(real);
  });

  const cells = Object.entries(matrix.routes).flatMap(([route, statuses]) =>
    ACTORS.map((actor, i) => [route, actor, statuses[i]] as const),
  );

  it.each(cells)('%s as %s → %i', async (route, actor, expected) => {
    const call = await prepare(route);
    const session = actor === 'anonymous' ? undefined : sessions[actor];
    if (route === 'GET /api/v1/events') {
      const stream = await openStream(
        baseUrl,
        call.path,
        session ? { authorization: `Bearer ${session.accessToken}` } : {},
      );
      stream.close();
      expect(stream.status).toBe(expected);
      return;
    }
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let req = api()[method](call.path);
    if (call.query) req = req.query(call.query);
    if (session) req = req.set(session.auth);
    if (call.contentType) req = req.set('content-type', call.contentType);
    if (call.body !== undefined) req = req.send(call.body as object);
    const res = await req;
    expect({ route, actor, status: res.status, code: res.body?.code }).toEqual(
      expect.objectContaining({ status: expected }),
    );
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Every answer, success or error, is what the OpenAPI document says: no undocumented field.
    expect(
      validator.validate(method, route.split(' ')[1], res.status, res.headers['content-type'], res.text ?? ''),
    ).toEqual([]);
  });

  it('should let every id a list returns be read, and hide the others as 404', async () => {
    const requestId = await pendingRequest();
    const sessionId = await insertSession(t, users.assignedMentor, users.owningStudent, new Date(slot().startsAt));
    const { threadId } = await ownersThread();
    const lists: [string, string][] = [
      ['/api/v1/mentoring-requests', '/api/v1/mentoring-requests/'],
      ['/api/v1/sessions', '/api/v1/sessions/'],
      ['/api/v1/discussions', '/api/v1/discussions/'],
    ];
    const known = {
      '/api/v1/mentoring-requests/': requestId,
      '/api/v1/sessions/': sessionId,
      '/api/v1/discussions/': threadId,
    } as Record<string, string>;
    for (const actor of ACTORS.filter((a) => a !== 'anonymous') as Exclude<Actor, 'anonymous'>[]) {
      for (const [list, detail] of lists) {
        const res = await api().get(list).query({ limit: 30 }).set(sessions[actor].auth).expect(200);
        const ids: string[] = res.body.items.map((x: { id: string }) => x.id);
        for (const id of ids) {
          const read = await t.app.inject({ method: 'GET', url: `${detail}${id}`, headers: sessions[actor].auth });
          expect({ actor, id, status: read.statusCode }).toEqual({ actor, id, status: 200 });
        }
        const status = (await api().get(`${detail}${known[detail]}`).set(sessions[actor].auth)).status;
        // Requests and sessions: their two people and admins; the mentors-only thread: all but other students.
        const visible = detail.includes('discussions')
          ? actor !== 'otherStudent'
          : ['owningStudent', 'assignedMentor', 'admin'].includes(actor);
        expect({ actor, list, status }).toEqual({ actor, list, status: visible ? 200 : 404 });
        if (!visible) expect(ids).not.toContain(known[detail]);
      }
    }
  }, 120_000);
});
