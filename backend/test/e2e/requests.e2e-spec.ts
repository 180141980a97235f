import request from 'supertest';
import { DataSource } from 'typeorm';
import { toDbTimestamp } from '../../src/database/database-options';
import { DomainEvent, DomainEventBus } from '../../src/common/events/domain-event';
import { MentoringRequestsService } from '../../src/modules/mentoring-requests/mentoring-requests.service';
import { Role } from '../../src/common/auth/role';
import { hoursFromNow } from '../factories/sessions.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Mentoring requests (HTTP)', () => {
  let t: TestApp;
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(DomainEventBus).subscribe((e) => {
      events.push(e);
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);

  async function pair(): Promise<{ student: TestUser; mentor: TestUser; s: Session; m: Session }> {
    const student = await createUser(t, Role.Student);
    const mentor = await createUser(t, Role.Mentor);
    await assign(t, student, mentor);
    return { student, mentor, s: await login(t, student), m: await login(t, mentor) };
  }

  const ask = (s: Session, mentorId: string, topic = 'Help with my thesis plan') =>
    api()
      .post('/api/v1/mentoring-requests')
      .set(s.auth)
      .send({ mentorId, topic, message: 'Could we talk about structure?', preferredTimes: ['Tuesday afternoon'] });

  it('should create a pending request to an assigned mentor and tell both', async () => {
    const { mentor, s, student } = await pair();
    const res = await ask(s, mentor.id).expect(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      topic: 'Help with my thesis plan',
      preferredTimes: ['Tuesday afternoon'],
      mentor: { id: mentor.id },
      student: { id: student.id },
    });
    expect(new Date(res.body.expiresAt).getTime() - new Date(res.body.createdAt).getTime()).toBe(7 * 86_400_000);
    await new Promise((r) => setImmediate(r));
    expect(events.find((e) => e.type === 'request.created' && e.subject.id === res.body.id)?.audience.sort()).toEqual(
      [student.id, mentor.id].sort(),
    );
  });

  it('should refuse a mentor who is not assigned with 403 NOT_ASSIGNED', async () => {
    const { s } = await pair();
    const stranger = await createUser(t, Role.Mentor);
    expect((await ask(s, stranger.id).expect(403)).body.code).toBe('NOT_ASSIGNED');
  });

  it('should allow one pending request across all mentors, naming the pending one', async () => {
    const { student, mentor, s } = await pair();
    const second = await createUser(t, Role.Mentor, { displayName: 'Dr. Second' });
    await assign(t, student, second);
    const first = await ask(s, mentor.id).expect(201);
    const res = await ask(s, second.id).expect(409);
    expect(res.body).toMatchObject({
      code: 'REQUEST_ALREADY_PENDING',
      pendingRequest: { id: first.body.id, mentorId: mentor.id, mentorName: mentor.displayName },
    });
  });

  it('should let exactly one of 20 simultaneous requests by one student through', async () => {
    const { mentor, s } = await pair();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(s, mentor.id, `Topic ${i}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(19);
  });

  it('should enforce one pending request even for a raw insert that bypasses the API', async () => {
    const { student, mentor, s } = await pair();
    await ask(s, mentor.id).expect(201);
    const now = toDbTimestamp(new Date());
    await expect(
      t.app
        .get(DataSource)
        .query(
          "INSERT INTO mentoring_requests (id, student_id, mentor_id, topic, message, status, pending_student_id, expires_at, created_at, updated_at) VALUES (?, ?, ?, 'x', 'y', 'pending', ?, ?, ?, ?)",
          ['11111111-1111-4111-8111-111111111111', student.id, mentor.id, student.id, now, now, now],
        ),
    ).rejects.toThrow();
  });

  it('should accept by scheduling the session, and refuse acting on it again', async () => {
    const { mentor, s, m } = await pair();
    const created = await ask(s, mentor.id).expect(201);
    const startsAt = hoursFromNow(48);
    const endsAt = hoursFromNow(49);
    const accepted = await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/accept`)
      .set(m.auth)
      .send({ startsAt, endsAt, location: 'Room 1' })
      .expect(200);
    expect(accepted.body.request).toMatchObject({ status: 'accepted', sessionId: accepted.body.sessionId });
    const session = await api().get(`/api/v1/sessions/${accepted.body.sessionId}`).set(s.auth).expect(200);
    expect(session.body).toMatchObject({
      status: 'scheduled',
      startsAt,
      endsAt,
      location: 'Room 1',
      requestId: created.body.id,
      agenda: 'Help with my thesis plan',
    });
    const again = await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/decline`)
      .set(m.auth)
      .send({})
      .expect(409);
    expect(again.body).toMatchObject({ code: 'REQUEST_NOT_PENDING', requestStatus: 'accepted' });
    // Answered: the student may ask again.
    await ask(s, mentor.id, 'Follow-up').expect(201);
  });

  it('should keep the request pending when accepting fails on a schedule conflict', async () => {
    const { mentor, s, m } = await pair();
    const other = await createUser(t, Role.Student);
    await assign(t, other, mentor);
    const startsAt = hoursFromNow(72);
    const endsAt = hoursFromNow(73);
    await api().post('/api/v1/sessions').set(m.auth).send({ studentId: other.id, startsAt, endsAt }).expect(201);
    const created = await ask(s, mentor.id).expect(201);
    const res = await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/accept`)
      .set(m.auth)
      .send({ startsAt, endsAt })
      .expect(409);
    expect(res.body.code).toBe('SCHEDULE_CONFLICT');
    expect((await api().get(`/api/v1/mentoring-requests/${created.body.id}`).set(s.auth).expect(200)).body.status).toBe(
      'pending',
    );
  });

  it('should decline with a reason and let the student withdraw their own', async () => {
    const { mentor, s, m } = await pair();
    const created = await ask(s, mentor.id).expect(201);
    const declined = await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/decline`)
      .set(m.auth)
      .send({ reason: 'I am away that week' })
      .expect(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'I am away that week' });
    const next = await ask(s, mentor.id).expect(201);
    await api().post(`/api/v1/mentoring-requests/${next.body.id}/withdraw`).set(s.auth).expect(200);
    expect(
      (await api().post(`/api/v1/mentoring-requests/${next.body.id}/withdraw`).set(s.auth).expect(409)).body.code,
    ).toBe('REQUEST_NOT_PENDING');
  });

  it("should hide other people's requests as 404 and scope lists by role", async () => {
    const a = await pair();
    const b = await pair();
    const created = await ask(a.s, a.mentor.id).expect(201);
    await api().get(`/api/v1/mentoring-requests/${created.body.id}`).set(b.s.auth).expect(404);
    await api().get(`/api/v1/mentoring-requests/${created.body.id}`).set(b.m.auth).expect(404);
    await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/accept`)
      .set(b.m.auth)
      .send({ startsAt: hoursFromNow(24), endsAt: hoursFromNow(25) })
      .expect(404);
    await api().post(`/api/v1/mentoring-requests/${created.body.id}/withdraw`).set(b.s.auth).expect(404);
    const mine = await api().get('/api/v1/mentoring-requests').set(a.m.auth).expect(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([created.body.id]);
    expect((await api().get('/api/v1/mentoring-requests').set(b.s.auth).expect(200)).body.items).toEqual([]);
    await api().get('/api/v1/mentoring-requests').query({ studentId: a.student.id }).set(b.m.auth).expect(400);
  });

  it('should expire unanswered requests exactly once even with two job runners racing, freeing the student', async () => {
    const { student, mentor, s } = await pair();
    const created = await ask(s, mentor.id).expect(201);
    await t.app
      .get(DataSource)
      .query('UPDATE mentoring_requests SET expires_at = ? WHERE id = ?', [
        toDbTimestamp(new Date(Date.now() - 1000)),
        created.body.id,
      ]);
    const service = t.app.get(MentoringRequestsService);
    const before = events.length;
    const [a, b] = await Promise.all([service.expireDue(), service.expireDue()]);
    expect(a + b).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(
      events.slice(before).filter((e) => e.type === 'request.expired' && e.subject.id === created.body.id),
    ).toHaveLength(1);
    expect((await api().get(`/api/v1/mentoring-requests/${created.body.id}`).set(s.auth).expect(200)).body.status).toBe(
      'expired',
    );
    expect(student.id).toBeTruthy();
    await ask(s, mentor.id).expect(201);
  });

  it('should not leave a student stuck behind an overdue request before the job runs', async () => {
    const { mentor, s } = await pair();
    const created = await ask(s, mentor.id).expect(201);
    await t.app
      .get(DataSource)
      .query('UPDATE mentoring_requests SET expires_at = ? WHERE id = ?', [
        toDbTimestamp(new Date(Date.now() - 1000)),
        created.body.id,
      ]);
    await ask(s, mentor.id, 'Trying again').expect(201);
  });

  it('should refuse a request when the monthly quota is used up, with Retry-After and the reset date', async () => {
    const student = await createUser(t, Role.Student, { quotaOverride: 0 });
    const mentor = await createUser(t, Role.Mentor);
    await assign(t, student, mentor);
    const res = await ask(await login(t, student), mentor.id).expect(429);
    expect(res.body).toMatchObject({ code: 'MONTHLY_QUOTA_EXCEEDED', limit: 0 });
    expect(new Date(res.body.resetsAt).getTime()).toBeGreaterThan(Date.now());
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('should answer NOT_ASSIGNED, not the quota state, for an unassigned mentor even when the quota is used up', async () => {
    const student = await createUser(t, Role.Student, { quotaOverride: 0 });
    const stranger = await createUser(t, Role.Mentor);
    const res = await ask(await login(t, student), stranger.id).expect(403);
    expect(res.body.code).toBe('NOT_ASSIGNED');
    expect(res.body).not.toHaveProperty('limit');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('should validate the body', async () => {
    const { mentor, s } = await pair();
    const res = await api()
      .post('/api/v1/mentoring-requests')
      .set(s.auth)
      .send({ mentorId: mentor.id, topic: 'x'.repeat(121), message: '', status: 'accepted' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['message', 'status', 'topic']);
  });
});
