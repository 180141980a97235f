import request from 'supertest';
import { DataSource } from 'typeorm';
import { zonedTimeToUtc, zonedParts } from '../../src/common/time/zoned';
import { SessionStatus } from '../../src/modules/sessions/session.entity';
import { Role } from '../../src/common/auth/role';
import { hoursFromNow, insertSession } from '../factories/sessions.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

/** 10:00 UTC on the given day of next month: far enough ahead, all in one quota month. */
function nextMonthAt(day: number, hour = 10): Date {
  const p = zonedParts(new Date(), 'UTC');
  const year = p.month === 12 ? p.year + 1 : p.year;
  const month = p.month === 12 ? 1 : p.month + 1;
  return zonedTimeToUtc(year, month, day, hour, 0, 'UTC');
}

const plus = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000).toISOString();

describe('Sessions and the guardrails (HTTP)', () => {
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

  async function pair(overrides: { quotaOverride?: number } = {}) {
    const student = await createUser(t, Role.Student, overrides);
    const mentor = await createUser(t, Role.Mentor);
    const assignmentId = await assign(t, student, mentor);
    return { student, mentor, assignmentId, s: await login(t, student), m: await login(t, mentor) };
  }

  const schedule = (m: Session, student: TestUser, startsAt: string, endsAt: string, extra: object = {}) =>
    api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt, endsAt, ...extra });

  describe('scheduling', () => {
    it('should schedule for an assigned student and show it to both, notes only to the mentor', async () => {
      const { student, m, s } = await pair();
      const created = await schedule(m, student, hoursFromNow(30), hoursFromNow(31), {
        meetingUrl: 'https://meet.uni.example/x',
        agenda: 'CV review',
      }).expect(201);
      expect(created.body).toMatchObject({
        status: 'scheduled',
        countsTowardsQuota: true,
        agenda: 'CV review',
        mentorNotes: null,
      });
      await api()
        .patch(`/api/v1/sessions/${created.body.id}`)
        .set(m.auth)
        .send({ mentorNotes: 'Seemed anxious about interviews' })
        .expect(200);
      const seenByStudent = await api().get(`/api/v1/sessions/${created.body.id}`).set(s.auth).expect(200);
      expect(seenByStudent.body).not.toHaveProperty('mentorNotes');
      expect(JSON.stringify(seenByStudent.body)).not.toContain('anxious');
      const list = await api()
        .get('/api/v1/sessions')
        .query({ from: new Date().toISOString(), to: hoursFromNow(24 * 30) })
        .set(s.auth)
        .expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([created.body.id]);
    });

    it('should refuse a student who is not assigned with 403 NOT_ASSIGNED', async () => {
      const { m } = await pair();
      const stranger = await createUser(t, Role.Student);
      expect((await schedule(m, stranger, hoursFromNow(30), hoursFromNow(31)).expect(403)).body.code).toBe(
        'NOT_ASSIGNED',
      );
    });

    it("should tell an unassigned mentor NOT_ASSIGNED, never the student's quota state", async () => {
      const { student, m } = await pair({ quotaOverride: 1 });
      const base = nextMonthAt(20);
      await schedule(m, student, plus(base, 0), plus(base, 60)).expect(201);
      await schedule(m, student, plus(base, 120), plus(base, 180)).expect(429);

      // A stranger, and the mentor of a deactivated student, are refused without a quota figure.
      const stranger = await login(t, await createUser(t, Role.Mentor));
      const inactive = await createUser(t, Role.Student, { quotaOverride: 0, active: false });
      const inactivesMentor = await createUser(t, Role.Mentor);
      await assign(t, inactive, inactivesMentor);
      for (const [mentor, target] of [
        [stranger, student],
        [stranger, inactive],
        [await login(t, inactivesMentor), inactive],
      ] as const) {
        const res = await schedule(mentor, target, plus(base, 240), plus(base, 300)).expect(403);
        expect(res.body.code).toBe('NOT_ASSIGNED');
        expect(res.body).not.toHaveProperty('limit');
        expect(res.body).not.toHaveProperty('resetsAt');
        expect(res.headers['retry-after']).toBeUndefined();
      }
    });

    it('should refuse past starts and durations outside 15 minutes to 4 hours', async () => {
      const { student, m } = await pair();
      const past = await schedule(
        m,
        student,
        new Date(Date.now() - 3_600_000).toISOString(),
        new Date().toISOString(),
      ).expect(400);
      expect(past.body.errors.map((e: { field: string }) => e.field)).toContain('startsAt');
      await schedule(m, student, hoursFromNow(30), plus(new Date(hoursFromNow(30)), 10)).expect(400);
      await schedule(m, student, hoursFromNow(30), hoursFromNow(35)).expect(400);
      await schedule(m, student, 'tomorrow', hoursFromNow(35)).expect(400);
    });

    it('should refuse double booking for the mentor and for the student, naming the clash', async () => {
      const { student, mentor, m } = await pair();
      const other = await createUser(t, Role.Student);
      await assign(t, other, mentor);
      const first = await schedule(m, student, hoursFromNow(50), hoursFromNow(51)).expect(201);
      const mentorClash = await schedule(
        m,
        other,
        plus(new Date(hoursFromNow(50)), 30),
        plus(new Date(hoursFromNow(51)), 30),
      ).expect(409);
      expect(mentorClash.body).toMatchObject({
        code: 'SCHEDULE_CONFLICT',
        conflict: { party: 'mentor', sessionId: first.body.id, startsAt: first.body.startsAt },
      });

      const secondMentor = await createUser(t, Role.Mentor);
      await assign(t, student, secondMentor);
      const studentClash = await schedule(
        await login(t, secondMentor),
        student,
        hoursFromNow(50),
        hoursFromNow(51),
      ).expect(409);
      expect(studentClash.body.conflict).toEqual({
        party: 'student',
        startsAt: first.body.startsAt,
        endsAt: first.body.endsAt,
      });
      // Back-to-back is fine.
      await schedule(m, other, hoursFromNow(51), hoursFromNow(52)).expect(201);
    });

    it('should let exactly one of 10 racing overlapping schedules for one mentor through', async () => {
      const mentor = await createUser(t, Role.Mentor);
      const students = await Promise.all(Array.from({ length: 10 }, () => createUser(t, Role.Student)));
      for (const student of students) await assign(t, student, mentor);
      const m = await login(t, mentor);
      const results = await Promise.all(
        students.map((student, i) =>
          schedule(m, student, plus(new Date(hoursFromNow(80)), i * 5), plus(new Date(hoursFromNow(81)), i * 5)),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 201)).toHaveLength(1);
      expect(statuses.filter((x) => x === 409)).toHaveLength(9);
    });
  });

  describe('monthly quota', () => {
    it('should grant exactly 4 of 40 simultaneous bookings against a quota of 4', async () => {
      const { student, m, s } = await pair();
      const base = nextMonthAt(3);
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => schedule(m, student, plus(base, i * 90), plus(base, i * 90 + 60))),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 201)).toHaveLength(4);
      expect(statuses.filter((x) => x === 429)).toHaveLength(36);
      const refused = results.find((r) => r.status === 429)!;
      expect(refused.body).toMatchObject({ code: 'MONTHLY_QUOTA_EXCEEDED', limit: 4 });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const stored = await t.app
        .get(DataSource)
        .query('SELECT COUNT(*) AS n FROM sessions WHERE student_id = ?', [student.id]);
      expect(Number(stored[0].n)).toBe(4);
      expect(s).toBeTruthy();
    });

    it('should use the student override over the programme default', async () => {
      const { student, m } = await pair({ quotaOverride: 1 });
      const base = nextMonthAt(5);
      await schedule(m, student, plus(base, 0), plus(base, 60)).expect(201);
      await schedule(m, student, plus(base, 120), plus(base, 180)).expect(429);
    });

    it('should report the quota to the student', async () => {
      const { student, m, s } = await pair();
      await schedule(m, student, hoursFromNow(1), hoursFromNow(2));
      const quota = await api().get('/api/v1/me/quota').set(s.auth).expect(200);
      expect(quota.body).toMatchObject({ limit: 4 });
      expect(quota.body.used + quota.body.remaining).toBe(4);
      expect(quota.body.month).toMatch(/^\d{4}-\d{2}$/);
      expect(new Date(quota.body.resetsAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('should give the quota back when the mentor cancels, and when the student cancels early enough', async () => {
      const { student, m, s } = await pair({ quotaOverride: 2 });
      const base = nextMonthAt(7);
      const a = await schedule(m, student, plus(base, 0), plus(base, 60)).expect(201);
      const b = await schedule(m, student, plus(base, 120), plus(base, 180)).expect(201);
      await schedule(m, student, plus(base, 240), plus(base, 300)).expect(429);

      const byMentor = await api()
        .post(`/api/v1/sessions/${a.body.id}/cancel`)
        .set(m.auth)
        .send({ reason: 'Ill' })
        .expect(200);
      expect(byMentor.body).toMatchObject({ status: 'cancelled', cancelledBy: 'mentor', countsTowardsQuota: false });
      const c = await schedule(m, student, plus(base, 240), plus(base, 300)).expect(201);

      const byStudent = await api()
        .post(`/api/v1/sessions/${b.body.id}/cancel`)
        .set(s.auth)
        .send({ reason: 'Exam clash' })
        .expect(200);
      expect(byStudent.body).toMatchObject({ cancelledBy: 'student', countsTowardsQuota: false });
      await schedule(m, student, plus(base, 360), plus(base, 420)).expect(201);
      expect(c.body.id).toBeTruthy();
    });

    it('should not give the quota back when the student cancels inside the window', async () => {
      const { student, m, s } = await pair({ quotaOverride: 1 });
      const soon = await schedule(m, student, hoursFromNow(2), hoursFromNow(3)).expect(201);
      const res = await api()
        .post(`/api/v1/sessions/${soon.body.id}/cancel`)
        .set(s.auth)
        .send({ reason: 'Overslept' })
        .expect(200);
      expect(res.body.countsTowardsQuota).toBe(true);
      await schedule(m, student, hoursFromNow(5), hoursFromNow(6)).expect(429);
    });

    it('should refund once when both parties cancel at the same moment', async () => {
      const { student, m, s } = await pair({ quotaOverride: 1 });
      const base = nextMonthAt(12);
      const created = await schedule(m, student, plus(base, 0), plus(base, 60)).expect(201);
      const results = await Promise.all([
        api().post(`/api/v1/sessions/${created.body.id}/cancel`).set(m.auth).send({ reason: 'a' }),
        api().post(`/api/v1/sessions/${created.body.id}/cancel`).set(s.auth).send({ reason: 'b' }),
        api().post(`/api/v1/sessions/${created.body.id}/cancel`).set(m.auth).send({ reason: 'c' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const usage = await t.app
        .get(DataSource)
        .query('SELECT used FROM quota_usage WHERE student_id = ?', [student.id]);
      expect(Number(usage[0].used)).toBe(0);
    });

    it('should move the count when a session is rescheduled into another month', async () => {
      const { student, m } = await pair({ quotaOverride: 1 });
      const thisMonth = nextMonthAt(10);
      const created = await schedule(m, student, plus(thisMonth, 0), plus(thisMonth, 60)).expect(201);
      const later = new Date(thisMonth.getTime() + 35 * 86_400_000);
      await api()
        .patch(`/api/v1/sessions/${created.body.id}`)
        .set(m.auth)
        .send({ startsAt: plus(later, 0), endsAt: plus(later, 60) })
        .expect(200);
      // The first month is free again, the later one is used up.
      await schedule(m, student, plus(thisMonth, 120), plus(thisMonth, 180)).expect(201);
      await schedule(m, student, plus(later, 120), plus(later, 180)).expect(429);
    });
  });

  describe('changes', () => {
    it('should reschedule with the same conflict rules and bump the sequence', async () => {
      const { student, m } = await pair();
      const a = await schedule(m, student, hoursFromNow(100), hoursFromNow(101)).expect(201);
      const b = await schedule(m, student, hoursFromNow(102), hoursFromNow(103)).expect(201);
      const clash = await api()
        .patch(`/api/v1/sessions/${b.body.id}`)
        .set(m.auth)
        .send({ startsAt: hoursFromNow(100), endsAt: hoursFromNow(101) })
        .expect(409);
      expect(clash.body.code).toBe('SCHEDULE_CONFLICT');
      const moved = await api()
        .patch(`/api/v1/sessions/${b.body.id}`)
        .set(m.auth)
        .send({ startsAt: hoursFromNow(104), endsAt: hoursFromNow(105) })
        .expect(200);
      expect(moved.body.sequence).toBeGreaterThan(b.body.sequence);
      expect(a.body.id).not.toBe(b.body.id);
    });

    it('should refuse changes to cancelled and completed sessions with SESSION_NOT_MODIFIABLE', async () => {
      const { student, mentor, m } = await pair();
      const created = await schedule(m, student, hoursFromNow(120), hoursFromNow(121)).expect(201);
      await api()
        .post(`/api/v1/sessions/${created.body.id}/cancel`)
        .set(m.auth)
        .send({ reason: 'Moved abroad' })
        .expect(200);
      expect(
        (await api().patch(`/api/v1/sessions/${created.body.id}`).set(m.auth).send({ agenda: 'x' }).expect(409)).body
          .code,
      ).toBe('SESSION_NOT_MODIFIABLE');
      expect(
        (
          await api()
            .post(`/api/v1/sessions/${created.body.id}/cancel`)
            .set(m.auth)
            .send({ reason: 'again' })
            .expect(409)
        ).body.code,
      ).toBe('SESSION_NOT_MODIFIABLE');

      const pastId = await insertSession(t, mentor, student, new Date(Date.now() - 2 * 3_600_000));
      await api().post(`/api/v1/sessions/${pastId}/complete`).set(m.auth).expect(200);
      expect(
        (
          await api()
            .patch(`/api/v1/sessions/${pastId}`)
            .set(m.auth)
            .send({ startsAt: hoursFromNow(200), endsAt: hoursFromNow(201) })
            .expect(409)
        ).body.code,
      ).toBe('SESSION_NOT_MODIFIABLE');
      // Private notes may still be written after the session was held.
      await api().patch(`/api/v1/sessions/${pastId}`).set(m.auth).send({ mentorNotes: 'Went well' }).expect(200);
    });

    it('should complete or mark no-show only after the start', async () => {
      const { student, mentor, m } = await pair();
      const future = await schedule(m, student, hoursFromNow(140), hoursFromNow(141)).expect(201);
      expect((await api().post(`/api/v1/sessions/${future.body.id}/complete`).set(m.auth).expect(409)).body.code).toBe(
        'SESSION_NOT_STARTED',
      );
      const pastId = await insertSession(t, mentor, student, new Date(Date.now() - 3_600_000), 30);
      expect((await api().post(`/api/v1/sessions/${pastId}/no-show`).set(m.auth).expect(200)).body.status).toBe(
        SessionStatus.NoShow,
      );
      await api().post(`/api/v1/sessions/${pastId}/cancel`).set(m.auth).send({ reason: 'late' }).expect(409);
    });

    it("should hide other people's sessions as 404, and let admins see all with filters", async () => {
      const a = await pair();
      const b = await pair();
      const created = await schedule(a.m, a.student, hoursFromNow(160), hoursFromNow(161)).expect(201);
      await api().get(`/api/v1/sessions/${created.body.id}`).set(b.s.auth).expect(404);
      await api().get(`/api/v1/sessions/${created.body.id}`).set(b.m.auth).expect(404);
      await api().post(`/api/v1/sessions/${created.body.id}/cancel`).set(b.s.auth).send({ reason: 'x' }).expect(404);
      await api().patch(`/api/v1/sessions/${created.body.id}`).set(b.m.auth).send({ agenda: 'x' }).expect(404);
      const admin = await api()
        .get('/api/v1/sessions')
        .query({ mentorId: a.mentor.id })
        .set(adminSession.auth)
        .expect(200);
      expect(admin.body.items.map((x: { id: string }) => x.id)).toEqual([created.body.id]);
      expect(admin.body.items[0]).not.toHaveProperty('mentorNotes');
    });

    it('should leave a mentor read-only history once the student is no longer assigned', async () => {
      const { student, mentor, assignmentId, m, s } = await pair();
      const upcoming = await schedule(m, student, hoursFromNow(180), hoursFromNow(181)).expect(201);
      const held = await insertSession(t, mentor, student, new Date(Date.now() - 2 * 3_600_000), 30);
      const done = await insertSession(
        t,
        mentor,
        student,
        new Date(Date.now() - 30 * 3_600_000),
        60,
        SessionStatus.Completed,
      );
      // The assignment row goes as it did before unassigning cancelled upcoming sessions: they stay scheduled.
      await t.app.get(DataSource).query('DELETE FROM assignments WHERE id = ?', [assignmentId]);

      const refused = [
        api()
          .patch(`/api/v1/sessions/${upcoming.body.id}`)
          .set(m.auth)
          .send({ startsAt: hoursFromNow(190), endsAt: hoursFromNow(191) }),
        api().patch(`/api/v1/sessions/${upcoming.body.id}`).set(m.auth).send({ agenda: 'New plan' }),
        api()
          .patch(`/api/v1/sessions/${held}`)
          .set(m.auth)
          .send({ startsAt: hoursFromNow(200), endsAt: hoursFromNow(201) }),
        api().patch(`/api/v1/sessions/${done}`).set(m.auth).send({ mentorNotes: 'Later thoughts' }),
        api().post(`/api/v1/sessions/${held}/complete`).set(m.auth),
        api().post(`/api/v1/sessions/${held}/no-show`).set(m.auth),
      ];
      for (const res of await Promise.all(refused)) {
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'NOT_ASSIGNED' });
      }
      const stored = await api().get(`/api/v1/sessions/${upcoming.body.id}`).set(m.auth).expect(200);
      expect(stored.body).toMatchObject({ startsAt: upcoming.body.startsAt, agenda: null, status: 'scheduled' });
      expect((await api().get(`/api/v1/sessions/${held}`).set(m.auth).expect(200)).body.status).toBe('scheduled');
      await api().get(`/api/v1/sessions/${done}`).set(s.auth).expect(200);
      const history = await api()
        .get('/api/v1/sessions')
        .query({ from: new Date(Date.now() - 48 * 3_600_000).toISOString(), to: hoursFromNow(24 * 30) })
        .set(m.auth)
        .expect(200);
      expect(history.body.items.map((x: { id: string }) => x.id).sort()).toEqual([upcoming.body.id, held, done].sort());
      // Either of them may still call it off.
      await api()
        .post(`/api/v1/sessions/${upcoming.body.id}/cancel`)
        .set(s.auth)
        .send({ reason: 'No longer my mentor' })
        .expect(200);
    });

    it('should bound calendar ranges to 92 days', async () => {
      const { s } = await pair();
      const res = await api()
        .get('/api/v1/sessions')
        .query({ from: '2026-01-01T00:00:00Z', to: '2026-06-01T00:00:00Z' })
        .set(s.auth)
        .expect(400);
      expect(res.body.errors[0].field).toBe('to');
    });
  });
});
