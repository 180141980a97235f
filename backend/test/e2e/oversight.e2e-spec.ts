import request from 'supertest';
import { DataSource } from 'typeorm';
import { SessionStatus } from '../../src/modules/sessions/session.entity';
import { Role } from '../../src/common/auth/role';
import { insertRequest } from '../factories/requests.factory';
import { insertSession } from '../factories/sessions.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const HOUR = 3_600_000;

/** Monday 00:00 UTC of the current week (the programme zone is UTC in this suite). */
function mondayUtc(now = new Date()): Date {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day));
}

describe('Admin oversight (HTTP)', () => {
  let t: TestApp;
  let admin: Session;
  const students: TestUser[] = [];
  let busyMentor: TestUser;
  let idleMentor: TestUser;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await login(t, await createUser(t, Role.Admin));
    busyMentor = await createUser(t, Role.Mentor, { displayName: 'Busy Mentor' });
    idleMentor = await createUser(t, Role.Mentor, { displayName: 'Idle Mentor' });
    for (let i = 0; i < 8; i++) {
      const student = await createUser(t, Role.Student, { displayName: `Student ${i}` });
      await assign(t, student, i < 6 ? busyMentor : idleMentor);
      students.push(student);
    }
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);

  it('should compute the overview figures as counted independently from the seeded data', async () => {
    const now = new Date();
    // Requests: 3 pending (2 of them older than 72 h), 6 answered in 1, 2, 3, 4, 5 and 10 hours.
    await insertRequest(t, students[0], busyMentor, 'pending', new Date(now.getTime() - 80 * HOUR), null);
    const oldest = await insertRequest(
      t,
      students[1],
      busyMentor,
      'pending',
      new Date(now.getTime() - 100 * HOUR),
      null,
    );
    await insertRequest(t, students[2], busyMentor, 'pending', new Date(now.getTime() - 2 * HOUR), null);
    const hours = [1, 2, 3, 4, 5, 10];
    for (const [i, h] of hours.entries()) {
      const created = new Date(now.getTime() - (48 + i) * HOUR);
      await insertRequest(
        t,
        students[3],
        busyMentor,
        i % 2 ? 'accepted' : 'declined',
        created,
        new Date(created.getTime() + h * HOUR),
      );
    }
    // Sessions this week: 2 completed, 1 cancelled, 1 no-show, 3 scheduled — all with the busy mentor.
    const monday = mondayUtc(now);
    const plan: SessionStatus[] = [
      'completed',
      'completed',
      'cancelled',
      'no_show',
      'scheduled',
      'scheduled',
      'scheduled',
    ] as SessionStatus[];
    for (const [i, status] of plan.entries())
      await insertSession(t, busyMentor, students[i % 5], new Date(monday.getTime() + (i * 20 + 1) * HOUR), 60, status);
    // Quota use this month: five students used 1, one used 2.
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const [i, used] of [1, 1, 1, 1, 1, 2].entries())
      await db.query('INSERT INTO quota_usage (student_id, month, used) VALUES (?, ?, ?)', [
        students[i].id,
        month,
        used,
      ]);

    const res = await api().get('/api/v1/admin/overview').set(admin.auth).expect(200);
    const o = res.body;
    expect(o.pendingRequests).toBe(3);
    expect(o.pendingOver72h).toBe(2);
    expect(o.overdueRequests.map((r: { id: string }) => r.id)[0]).toBe(oldest);
    expect(o.overdueRequests[0]).toMatchObject({
      student: { displayName: 'Student 1' },
      mentor: { displayName: 'Busy Mentor' },
    });

    const inWeek = plan.filter((_, i) => monday.getTime() + (i * 20 + 1) * HOUR < monday.getTime() + 7 * 24 * HOUR);
    const count = (s: string) => inWeek.filter((x) => x === s).length;
    expect(o.sessionsThisWeek).toEqual({
      weekStart: monday.toISOString(),
      scheduled: count('scheduled'),
      completed: count('completed'),
      cancelled: count('cancelled'),
      noShow: count('no_show'),
    });
    expect(o.sessionsPerWeek).toHaveLength(8);
    expect(
      o.sessionsPerWeek
        .slice(0, 7)
        .every((w: { scheduled: number; completed: number }) => w.scheduled + w.completed === 0),
    ).toBe(true);

    const mean = hours.reduce((a, b) => a + b, 0) / hours.length;
    expect(o.answerTime).toEqual({ answered: 6, meanHours: Math.round(mean * 10) / 10, p90Hours: 10 });

    // 8 students: 2 with no counter (0 used), 5 used one, 1 used two. The 2 and the 1 are withheld, and
    // so are the 5: the 8 active students minus 5 would leave a group of 3.
    expect(o.quotaMonth).toBe(month);
    expect(o.quotaUsage).toEqual([
      { used: 0, students: { value: null, suppressed: true } },
      { used: 1, students: { value: null, suppressed: true } },
      { used: 2, students: { value: null, suppressed: true } },
      { used: 3, students: { value: 0, suppressed: false } },
      { used: 4, students: { value: 0, suppressed: false } },
    ]);

    expect(o.inactiveMentors.map((m: { displayName: string }) => m.displayName)).toEqual(['Idle Mentor']);
    // Held or booked sessions count; cancelled and no-show ones do not.
    const active = new Set(plan.map((status, i) => (status === 'scheduled' || status === 'completed' ? i % 5 : -1)));
    const expected = students
      .map((s, i) => (active.has(i) ? null : s.displayName))
      .filter(Boolean)
      .sort();
    expect(o.studentsWithoutSession.map((s: { displayName: string }) => s.displayName).sort()).toEqual(expected);
  });

  it('should list every session and request for admins with filters, sorted by last change', async () => {
    const sessions = await api()
      .get('/api/v1/sessions')
      .query({ mentorId: busyMentor.id, status: 'scheduled', limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(sessions.body.items.length).toBeGreaterThan(0);
    expect(
      sessions.body.items.every(
        (s: { status: string; mentor: { id: string } }) => s.status === 'scheduled' && s.mentor.id === busyMentor.id,
      ),
    ).toBe(true);
    const byChange = await api()
      .get('/api/v1/sessions')
      .query({ sort: 'updated', limit: 2 })
      .set(admin.auth)
      .expect(200);
    const next = await api()
      .get('/api/v1/sessions')
      .query({ sort: 'updated', limit: 2, cursor: byChange.body.nextCursor })
      .set(admin.auth)
      .expect(200);
    expect(new Date(byChange.body.items[1].updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(next.body.items[0].updatedAt).getTime(),
    );
    const requests = await api()
      .get('/api/v1/mentoring-requests')
      .query({ status: 'pending', from: new Date(Date.now() - 90 * HOUR).toISOString(), limit: 100 })
      .set(admin.auth)
      .expect(200);
    expect(requests.body.items.map((r: { student: { displayName: string } }) => r.student.displayName).sort()).toEqual([
      'Student 0',
      'Student 2',
    ]);
  });

  it('should export sessions of a date range as CSV, safe for spreadsheets', async () => {
    const start = new Date(Date.now() + 400 * HOUR);
    const id = await insertSession(t, busyMentor, students[4], start);
    await db.query('UPDATE sessions SET location = ? WHERE id = ?', ['=HYPERLINK("evil"), room "4"', id]);
    const res = await api()
      .get('/api/v1/admin/reports/sessions')
      .query({
        from: new Date(start.getTime() - HOUR).toISOString(),
        to: new Date(start.getTime() + HOUR).toISOString(),
      })
      .set(admin.auth)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,starts_at,ends_at,status,mentor_name,mentor_email,student_name,student_email,location,meeting_url,cancelled_by,cancel_reason,request_id',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${id},${start.toISOString()}`);
    expect(lines[1]).toContain('"\'=HYPERLINK(""evil""), room ""4"""');
    await api()
      .get('/api/v1/admin/reports/sessions')
      .query({ from: '2026-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' })
      .set(admin.auth)
      .expect(400);
  });
});

// A separate app: passport strategies are process-wide, so two live apps must not overlap.
describe('Admin overview on an empty programme (HTTP)', () => {
  it('should withhold the answer time when fewer than five requests were answered', async () => {
    const fresh = await createTestApp();
    try {
      const session = await login(fresh, await createUser(fresh, Role.Admin));
      const res = await request(fresh.server).get('/api/v1/admin/overview').set(session.auth).expect(200);
      expect(res.body.answerTime).toEqual({ answered: 0, meanHours: null, p90Hours: null });
      expect(res.body.quotaUsage.every((b: { students: { value: number } }) => b.students.value === 0)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe('Admin overview: small groups stay hidden from subtraction (HTTP)', () => {
  let t: TestApp;
  let admin: Session;
  const students: TestUser[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t, await createUser(t, Role.Admin));
    for (let i = 0; i < 48; i++) students.push(await createUser(t, Role.Student));
    // Inactive students are not in the chart (nor in the admin's count below).
    for (let i = 0; i < 3; i++) await createUser(t, Role.Student, { active: false });
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);

  /** What an admin can count without the overview: the active students, from the user list. */
  async function activeStudents(): Promise<number> {
    let total = 0;
    let cursor: string | null = null;
    do {
      const res: request.Response = await api()
        .get('/api/v1/admin/users')
        .query({ role: 'student', active: 'true', limit: 100, ...(cursor ? { cursor } : {}) })
        .set(admin.auth)
        .expect(200);
      total += res.body.items.length;
      cursor = res.body.nextCursor;
    } while (cursor);
    return total;
  }

  /** Gives the first students these counters for the month; everyone else used none. */
  async function setUsage(month: string, used: number[]): Promise<number[]> {
    const db = t.app.get(DataSource);
    await db.query('DELETE FROM quota_usage');
    for (const [i, n] of used.entries())
      await db.query('INSERT INTO quota_usage (student_id, month, used) VALUES (?, ?, ?)', [students[i].id, month, n]);
    const buckets = [0, 0, 0, 0, 0];
    for (let i = 0; i < students.length; i++) buckets[Math.min(used[i] ?? 0, 4)]++;
    return buckets;
  }

  it.each([
    ['two students among 48 (48 − 46 = 2)', [1, 1], [null, null, 0, 0, 0]],
    ['three small groups that add up to 6', [1, 1, 2, 2, 2, 3, 4, 4, 4, 4, 4, 4, 4], [35, null, null, null, 7]],
    [
      'one small group and the next smallest with it',
      [1, ...Array(8).fill(2), ...Array(9).fill(4)],
      [30, null, null, 0, 9],
    ],
    ['three groups of one, with the next smallest group', [1, 2, 3, 4, 4, 4, 4, 4, 4], [39, null, null, null, null]],
  ])('should withhold enough that nothing follows by subtraction: %s', async (_, used, expected) => {
    const first = await api().get('/api/v1/admin/overview').set(admin.auth).expect(200);
    const truth = await setUsage(first.body.quotaMonth, used as number[]);
    const res = await api().get('/api/v1/admin/overview').set(admin.auth).expect(200);
    const shown: (number | null)[] = res.body.quotaUsage.map(
      (b: { students: { value: number | null; suppressed: boolean } }) => {
        expect(b.students.suppressed).toBe(b.students.value === null);
        return b.students.value;
      },
    );
    expect(shown).toEqual(expected);
    expect(shown.every((v, i) => v === null || v === truth[i])).toBe(true);

    // The reader's side: the total minus what is shown, spread over the withheld buckets (each at least 1).
    const total = await activeStudents();
    expect(total).toBe(48);
    const withheld = shown.flatMap((v, i) => (v === null ? [i] : []));
    const rest = total - shown.reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(rest).toBe(withheld.reduce((a, i) => a + truth[i], 0));
    expect(withheld.length).not.toBe(1);
    expect(rest).toBeGreaterThanOrEqual(5);
    // Each withheld bucket could hold anything from 1 to rest − (others withheld): more than one value.
    expect(rest - (withheld.length - 1)).toBeGreaterThan(1);
  });
});
