import request from 'supertest';
import { Role } from '../../src/modules/users/role';
import { assign, createUser, login, Session } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

type Actor = 'anonymous' | 'student' | 'mentor' | 'admin';

/**
 * Every route of accounts and access × every role, with the real guards. Bodies are valid where a
 * role is allowed, so the status shows the guard's decision, not a validation error.
 */
describe('Access per role (HTTP)', () => {
  let t: TestApp;
  const sessions: Partial<Record<Actor, Session>> = {};
  let ids: { user: string; assignment: string; student: string; mentor: string; none: string };

  beforeAll(async () => {
    t = await createTestApp();
    const student = await createUser(t, Role.Student);
    const mentor = await createUser(t, Role.Mentor);
    const admin = await createUser(t, Role.Admin);
    const target = await createUser(t, Role.Student);
    ids = { user: target.id, assignment: await assign(t, student, mentor), student: student.id, mentor: mentor.id, none: '00000000-0000-4000-8000-000000000000' };
    sessions.student = await login(t, student);
    sessions.mentor = await login(t, mentor);
    sessions.admin = await login(t, admin);
  });

  afterAll(async () => {
    await t.close();
  });

  const cases: { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: () => string; body?: () => object; expect: Record<Actor, number> }[] = [
    { method: 'get', path: () => '/api/v1/me', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'patch', path: () => '/api/v1/me', body: () => ({ bio: 'hello' }), expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/me/password', body: () => ({ currentPassword: 'wrong-password-x', newPassword: 'a-new-long-passphrase' }), expect: { anonymous: 401, student: 400, mentor: 400, admin: 400 } },
    { method: 'get', path: () => '/api/v1/me/mentors', expect: { anonymous: 401, student: 200, mentor: 403, admin: 403 } },
    { method: 'get', path: () => '/api/v1/me/students', expect: { anonymous: 401, student: 403, mentor: 200, admin: 403 } },
    { method: 'get', path: () => '/api/v1/admin/users', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => '/api/v1/admin/users', body: () => ({ email: `m${Math.random()}@uni.example`.replace('0.', ''), displayName: 'X', role: 'student' }), expect: { anonymous: 401, student: 403, mentor: 403, admin: 201 } },
    { method: 'post', path: () => '/api/v1/admin/users/import', body: () => ({}), expect: { anonymous: 401, student: 403, mentor: 403, admin: 400 } },
    { method: 'get', path: () => `/api/v1/admin/users/${ids.user}`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'patch', path: () => `/api/v1/admin/users/${ids.user}`, body: () => ({ quotaOverride: 5 }), expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => `/api/v1/admin/users/${ids.user}/invitation`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 201 } },
    { method: 'get', path: () => '/api/v1/admin/assignments', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => '/api/v1/admin/assignments', body: () => ({ studentId: ids.student, mentorId: ids.mentor }), expect: { anonymous: 401, student: 403, mentor: 403, admin: 409 } },
    { method: 'delete', path: () => '/api/v1/admin/assignments/00000000-0000-4000-8000-000000000000', expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'get', path: () => '/api/v1/admin/audit-log', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'get', path: () => '/api/v1/admin/settings', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'put', path: () => '/api/v1/admin/settings', body: () => ({ monthlySessionQuota: 4, requestExpiryDays: 7, cancellationWindowHours: 24, programmeTimeZone: 'UTC' }), expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => '/api/v1/auth/login', body: () => ({ email: 'nobody@uni.example', password: 'wrong-password' }), expect: { anonymous: 401, student: 401, mentor: 401, admin: 401 } },
    { method: 'post', path: () => '/api/v1/auth/refresh', expect: { anonymous: 401, student: 401, mentor: 401, admin: 401 } },
    { method: 'post', path: () => '/api/v1/auth/logout', body: () => ({}), expect: { anonymous: 204, student: 204, mentor: 204, admin: 204 } },
    { method: 'post', path: () => '/api/v1/auth/invitations/accept', body: () => ({ token: 'x'.repeat(43), password: 'a-long-enough-password' }), expect: { anonymous: 400, student: 400, mentor: 400, admin: 400 } },
    { method: 'get', path: () => '/api/v1/me/quota', expect: { anonymous: 401, student: 200, mentor: 403, admin: 403 } },
    { method: 'get', path: () => '/api/v1/mentoring-requests', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/mentoring-requests', body: () => ({ mentorId: ids.mentor, topic: 't', message: 'm' }), expect: { anonymous: 401, student: 201, mentor: 403, admin: 403 } },
    { method: 'get', path: () => `/api/v1/mentoring-requests/${ids.none}`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'post', path: () => `/api/v1/mentoring-requests/${ids.none}/accept`, body: () => ({ startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' }), expect: { anonymous: 401, student: 403, mentor: 404, admin: 403 } },
    { method: 'post', path: () => `/api/v1/mentoring-requests/${ids.none}/decline`, body: () => ({}), expect: { anonymous: 401, student: 403, mentor: 404, admin: 403 } },
    { method: 'post', path: () => `/api/v1/mentoring-requests/${ids.none}/withdraw`, expect: { anonymous: 401, student: 404, mentor: 403, admin: 403 } },
    { method: 'get', path: () => '/api/v1/sessions', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/sessions', body: () => ({ studentId: ids.student, startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T11:00:00Z' }), expect: { anonymous: 401, student: 403, mentor: 201, admin: 403 } },
    { method: 'get', path: () => `/api/v1/sessions/${ids.none}`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'patch', path: () => `/api/v1/sessions/${ids.none}`, body: () => ({ agenda: 'x' }), expect: { anonymous: 401, student: 403, mentor: 404, admin: 403 } },
    { method: 'post', path: () => `/api/v1/sessions/${ids.none}/cancel`, body: () => ({ reason: 'x' }), expect: { anonymous: 401, student: 404, mentor: 404, admin: 403 } },
    { method: 'post', path: () => `/api/v1/sessions/${ids.none}/complete`, expect: { anonymous: 401, student: 403, mentor: 404, admin: 403 } },
    { method: 'post', path: () => `/api/v1/sessions/${ids.none}/no-show`, expect: { anonymous: 401, student: 403, mentor: 404, admin: 403 } },
    { method: 'get', path: () => '/api/v1/me/calendar-feed', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/me/calendar-feed/rotate', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'get', path: () => `/api/v1/calendar/${'A'.repeat(43)}.ics`, expect: { anonymous: 404, student: 404, mentor: 404, admin: 404 } },
    { method: 'get', path: () => '/api/v1/me/notifications', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/me/notifications/read', body: () => ({ all: true }), expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/events/ticket', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'get', path: () => '/api/v1/discussions', expect: { anonymous: 401, student: 200, mentor: 200, admin: 200 } },
    { method: 'post', path: () => '/api/v1/discussions', body: () => ({ title: 'Hello there', body: 'x', audience: 'community', mode: 'normal' }), expect: { anonymous: 401, student: 201, mentor: 201, admin: 201 } },
    { method: 'get', path: () => `/api/v1/discussions/${ids.none}`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'get', path: () => `/api/v1/discussions/${ids.none}/posts`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'post', path: () => `/api/v1/discussions/${ids.none}/posts`, body: () => ({ body: 'x', mode: 'normal' }), expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'patch', path: () => `/api/v1/posts/${ids.none}`, body: () => ({ body: 'x' }), expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'delete', path: () => `/api/v1/posts/${ids.none}`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'post', path: () => `/api/v1/posts/${ids.none}/accept`, expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'post', path: () => `/api/v1/posts/${ids.none}/report`, body: () => ({ reason: 'x' }), expect: { anonymous: 401, student: 404, mentor: 404, admin: 404 } },
    { method: 'get', path: () => '/api/v1/admin/reports', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => `/api/v1/admin/posts/${ids.none}/hide`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'post', path: () => `/api/v1/admin/posts/${ids.none}/unhide`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'post', path: () => `/api/v1/admin/discussions/${ids.none}/lock`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'post', path: () => `/api/v1/admin/discussions/${ids.none}/unlock`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'post', path: () => `/api/v1/admin/posts/${ids.none}/reveal-requests`, body: () => ({ reason: 'A sufficiently long reason' }), expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'get', path: () => '/api/v1/admin/reveal-requests', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'post', path: () => `/api/v1/admin/reveal-requests/${ids.none}/approve`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'post', path: () => `/api/v1/admin/reveal-requests/${ids.none}/reject`, expect: { anonymous: 401, student: 403, mentor: 403, admin: 404 } },
    { method: 'get', path: () => '/api/v1/admin/overview', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'get', path: () => '/api/v1/admin/reports/sessions?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z', expect: { anonymous: 401, student: 403, mentor: 403, admin: 200 } },
    { method: 'get', path: () => '/api/v1/health', expect: { anonymous: 200, student: 200, mentor: 200, admin: 200 } },
    { method: 'get', path: () => '/api/v1/health/ready', expect: { anonymous: 200, student: 200, mentor: 200, admin: 200 } },
  ];

  const actors: Actor[] = ['anonymous', 'student', 'mentor', 'admin'];
  const table = cases.flatMap((c) => actors.map((actor) => [`${c.method.toUpperCase()} ${c.path.toString().match(/'([^']+)'|`([^`]+)`/)?.slice(1).find(Boolean)}`, actor, c] as const));

  it.each(table)('%s as %s', async (_route, actor, c) => {
    let req = request(t.server)[c.method](c.path());
    const session = sessions[actor as Actor];
    if (session) req = req.set(session.auth);
    if (c.body) req = req.send(c.body());
    const res = await req;
    expect({ status: res.status, code: res.body?.code }).toEqual(expect.objectContaining({ status: c.expect[actor as Actor] }));
  });
});
