import request from 'supertest';
import { DataSource } from 'typeorm';
import { zonedParts, zonedTimeToUtc } from '../../src/common/time/zoned';
import { SessionStatus } from '../../src/modules/sessions/session.entity';
import { Role } from '../../src/common/auth/role';
import { hoursFromNow, insertSession } from '../factories/sessions.factory';
import { createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

/** 10:00 UTC on a day of next month (the programme zone is UTC here). */
function nextMonthAt(day: number): Date {
  const p = zonedParts(new Date(), 'UTC');
  return zonedTimeToUtc(p.month === 12 ? p.year + 1 : p.year, p.month === 12 ? 1 : p.month + 1, day, 10, 0, 'UTC');
}

async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Mentorship assignments (HTTP)', () => {
  let t: TestApp;
  let adminSession: Session;

  beforeAll(async () => {
    t = await createTestApp();
    adminSession = await login(t, await createUser(t, Role.Admin));
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const assignViaApi = (student: TestUser, mentor: TestUser) =>
    api().post('/api/v1/admin/assignments').set(adminSession.auth).send({ studentId: student.id, mentorId: mentor.id });

  it('should assign many-to-many and show each side their counterpart', async () => {
    const student = await createUser(t, Role.Student);
    const academic = await createUser(t, Role.Mentor);
    const career = await createUser(t, Role.Mentor);
    const created = await assignViaApi(student, academic).expect(201);
    expect(created.body).toMatchObject({ student: { id: student.id }, mentor: { id: academic.id } });
    await assignViaApi(student, career).expect(201);

    const mentors = await api()
      .get('/api/v1/me/mentors')
      .set((await login(t, student)).auth)
      .expect(200);
    expect(mentors.body.map((m: { mentor: { id: string } }) => m.mentor.id).sort()).toEqual(
      [academic.id, career.id].sort(),
    );
    const students = await api()
      .get('/api/v1/me/students')
      .set((await login(t, academic)).auth)
      .expect(200);
    expect(students.body).toEqual([
      {
        assignmentId: created.body.id,
        student: expect.objectContaining({ id: student.id, displayName: student.displayName }),
      },
    ]);
  });

  it('should refuse a duplicate assignment', async () => {
    const student = await createUser(t, Role.Student);
    const mentor = await createUser(t, Role.Mentor);
    await assignViaApi(student, mentor).expect(201);
    expect((await assignViaApi(student, mentor).expect(409)).body.code).toBe('ALREADY_ASSIGNED');
  });

  it('should refuse wrong roles on either side', async () => {
    const a = await createUser(t, Role.Mentor);
    const b = await createUser(t, Role.Student);
    const res = await assignViaApi(a, b).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['mentorId', 'studentId']);
  });

  it('should refuse past the mentor capacity with MENTOR_AT_CAPACITY', async () => {
    const mentor = await createUser(t, Role.Mentor, { mentorCapacity: 1 });
    await assignViaApi(await createUser(t, Role.Student), mentor).expect(201);
    const res = await assignViaApi(await createUser(t, Role.Student), mentor).expect(409);
    expect(res.body).toMatchObject({ code: 'MENTOR_AT_CAPACITY', capacity: 1 });
  });

  it('should hold the capacity when 10 assignments race for 3 places', async () => {
    const mentor = await createUser(t, Role.Mentor, { mentorCapacity: 3 });
    const students = await Promise.all(Array.from({ length: 10 }, () => createUser(t, Role.Student)));
    const results = await Promise.all(students.map((s) => assignViaApi(s, mentor)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(7);
    const list = await api()
      .get('/api/v1/admin/assignments')
      .query({ mentorId: mentor.id, limit: 100 })
      .set(adminSession.auth)
      .expect(200);
    expect(list.body.items).toHaveLength(3);
  });

  it('should unassign, audit it, and 404 afterwards', async () => {
    const created = await assignViaApi(await createUser(t, Role.Student), await createUser(t, Role.Mentor)).expect(201);
    await api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth).expect(204);
    await api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth).expect(404);
    const audit = await api()
      .get('/api/v1/admin/audit-log')
      .query({ action: 'assignment.deleted', targetId: created.body.id })
      .set(adminSession.auth)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  });

  describe('when an assignment ends', () => {
    const quotaUsed = async (studentId: string) =>
      (
        await t.app
          .get(DataSource)
          .query('SELECT month, used FROM quota_usage WHERE student_id = ? ORDER BY month', [studentId])
      ).map((r: { month: string; used: number | string }) => [r.month, Number(r.used)]);

    it("should cancel the pair's upcoming sessions by the programme, give the quota back and tell both", async () => {
      const student = await createUser(t, Role.Student);
      const mentor = await createUser(t, Role.Mentor);
      const otherMentor = await createUser(t, Role.Mentor);
      const created = await assignViaApi(student, mentor).expect(201);
      await assignViaApi(student, otherMentor).expect(201);
      const [s, m, other] = [await login(t, student), await login(t, mentor), await login(t, otherMentor)];
      const book = (session: Session, startsAt: Date) =>
        api()
          .post('/api/v1/sessions')
          .set(session.auth)
          .send({
            studentId: student.id,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
          })
          .expect(201);
      const soon = await book(m, new Date(hoursFromNow(30)));
      const later = await book(m, nextMonthAt(9));
      const withOther = await book(other, nextMonthAt(10));
      const held = await insertSession(t, mentor, student, new Date(Date.now() - 2 * 3_600_000), 30);
      const done = await insertSession(
        t,
        mentor,
        student,
        new Date(Date.now() - 50 * 3_600_000),
        60,
        SessionStatus.Completed,
      );
      const before = await quotaUsed(student.id);
      const counted: { quota_month: string }[] = await t.app
        .get(DataSource)
        .query('SELECT quota_month FROM sessions WHERE id IN (?, ?)', [soon.body.id, later.body.id]);
      const [otherMonth] = (
        await t.app.get(DataSource).query('SELECT quota_month FROM sessions WHERE id = ?', [withOther.body.id])
      ).map((r: { quota_month: string }) => r.quota_month);

      await api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth).expect(204);

      for (const id of [soon.body.id, later.body.id]) {
        const res = await api().get(`/api/v1/sessions/${id}`).set(s.auth).expect(200);
        expect(res.body).toMatchObject({
          status: 'cancelled',
          cancelledBy: 'admin',
          cancelReason: expect.stringContaining('assignment ended'),
          countsTowardsQuota: false,
        });
        expect(res.body.sequence).toBeGreaterThan(0);
      }
      // History and the student's other mentorship are untouched.
      expect((await api().get(`/api/v1/sessions/${held}`).set(m.auth).expect(200)).body.status).toBe('scheduled');
      expect((await api().get(`/api/v1/sessions/${done}`).set(m.auth).expect(200)).body.status).toBe('completed');
      expect((await api().get(`/api/v1/sessions/${withOther.body.id}`).set(s.auth).expect(200)).body.status).toBe(
        'scheduled',
      );
      // Each month gave back exactly what the cancelled sessions counted (the other mentor's session still counts).
      const expected = before.map(([month, used]: [string, number]) => [
        month,
        used - counted.filter((x) => x.quota_month === month).length,
      ]);
      expect(await quotaUsed(student.id)).toEqual(expected);
      expect(expected.find(([month]: [string]) => month === otherMonth)[1]).toBeGreaterThanOrEqual(1);

      for (const session of [s, m]) {
        const notes = await eventually(async () => {
          const res = await api().get('/api/v1/me/notifications').query({ limit: 50 }).set(session.auth).expect(200);
          const found = res.body.items.filter((n: { type: string }) => n.type === 'session.cancelled_by_programme');
          return found.length === 2 ? found : undefined;
        });
        expect(notes.map((n: { link: string }) => n.link.split('/').pop()).sort()).toEqual(
          [soon.body.id, later.body.id].sort(),
        );
        expect(notes[0].body).toContain('assignment ended');
      }
      const audit = await api()
        .get('/api/v1/admin/audit-log')
        .query({ action: 'assignment.deleted', targetId: created.body.id })
        .set(adminSession.auth)
        .expect(200);
      expect(audit.body.items[0].details).toMatchObject({
        studentId: student.id,
        mentorId: mentor.id,
        cancelledSessions: 2,
      });
    });

    it('should leave no upcoming session behind when bookings race the unassignment', async () => {
      const student = await createUser(t, Role.Student, { quotaOverride: 31 });
      const mentor = await createUser(t, Role.Mentor);
      const created = await assignViaApi(student, mentor).expect(201);
      const m = await login(t, mentor);
      const base = nextMonthAt(3).getTime();
      const bookings = Array.from({ length: 10 }, (_, i) =>
        api()
          .post('/api/v1/sessions')
          .set(m.auth)
          .send({
            studentId: student.id,
            startsAt: new Date(base + i * 2 * 3_600_000).toISOString(),
            endsAt: new Date(base + (i * 2 + 1) * 3_600_000).toISOString(),
          }),
      );
      // The unassignment goes out in the middle of the bookings.
      const results = await Promise.all([
        ...bookings.slice(0, 5),
        api().delete(`/api/v1/admin/assignments/${created.body.id}`).set(adminSession.auth),
        ...bookings.slice(5),
      ]);
      const [unassigned] = results.splice(5, 1);
      const booked = results;
      expect(unassigned.status).toBe(204);
      expect(booked.every((r) => r.status === 201 || (r.status === 403 && r.body.code === 'NOT_ASSIGNED'))).toBe(true);
      const left = await t.app
        .get(DataSource)
        .query('SELECT COUNT(*) AS n FROM sessions WHERE student_id = ? AND status = ?', [student.id, 'scheduled']);
      expect(Number(left[0].n)).toBe(0);
      expect((await quotaUsed(student.id)).every(([, used]: [string, number]) => used === 0)).toBe(true);
    });
  });
});
