import request from 'supertest';
import { DataSource } from 'typeorm';
import { RemindersJob } from '../../src/modules/notifications/reminders.job';
import { Role } from '../../src/common/auth/role';
import { hoursFromNow } from '../factories/sessions.factory';
import { assign, createUser, login, Session, TestUser } from '../factories/users.factory';
import { eventually, startSmtp } from '../utils/smtp-capture';
import { listen, openStream } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';

describe('Notifications, reminders, e-mail and the event stream (HTTP)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let baseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://mentoring.uni.example' });
    baseUrl = await listen(t);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const api = () => request(t.server);

  async function pair(studentTz = 'Europe/London', mentorTz = 'America/New_York') {
    const student = await createUser(t, Role.Student, { timeZone: studentTz });
    const mentor = await createUser(t, Role.Mentor, { timeZone: mentorTz });
    await assign(t, student, mentor);
    return { student, mentor, s: await login(t, student), m: await login(t, mentor) };
  }

  const notifications = (session: Session) => api().get('/api/v1/me/notifications').set(session.auth).expect(200);

  it('should notify the mentor of a new request and the student of the answer, with unread counts', async () => {
    const { mentor, s, m } = await pair();
    const created = await api()
      .post('/api/v1/mentoring-requests')
      .set(s.auth)
      .send({ mentorId: mentor.id, topic: 'Career change', message: 'Hi' })
      .expect(201);
    const inbox = await eventually(async () => {
      const res = await notifications(m);
      return res.body.items.length > 0 ? res.body : undefined;
    });
    expect(inbox.items[0]).toMatchObject({
      type: 'request.created',
      title: expect.stringContaining('New request from'),
      read: false,
      link: `/mentor/requests/${created.body.id}`,
    });
    expect(inbox.unreadCount).toBe(1);
    const read = await api()
      .post('/api/v1/me/notifications/read')
      .set(m.auth)
      .send({ ids: [inbox.items[0].id] })
      .expect(200);
    expect(read.body.unreadCount).toBe(0);

    await api()
      .post(`/api/v1/mentoring-requests/${created.body.id}/decline`)
      .set(m.auth)
      .send({ reason: 'Fully booked' })
      .expect(200);
    const studentInbox = await eventually(async () => {
      const res = await notifications(s);
      return res.body.items.find((n: { type: string }) => n.type === 'request.declined');
    });
    expect(studentInbox.body).toContain('Fully booked');
  });

  it("should word session times in each reader's own time zone and e-mail an ICS invitation", async () => {
    const { student, mentor, s, m } = await pair('Europe/London', 'America/New_York');
    const startsAt = '2027-01-14T09:00:00.000Z';
    await api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt, endsAt: '2027-01-14T10:00:00.000Z' })
      .expect(201);
    const studentNote = await eventually(async () =>
      (await notifications(s)).body.items.find((n: { type: string }) => n.type === 'session.scheduled'),
    );
    expect(studentNote.body).toContain('09:00');
    const mail = await eventually(() =>
      smtp.mails.find((x) => x.to === student.email && x.subject.includes('scheduled')),
    );
    expect(mail.text).toContain('09:00');
    expect(mail.text).toContain('https://mentoring.uni.example/student/sessions/');
    expect(mail.calendar).toMatch(/METHOD:REQUEST/);
    expect(mail.calendar).toMatch(/DTSTART:20270114T090000Z/);
    // The acting mentor gets no notification about their own action.
    expect(
      (await notifications(m)).body.items.filter((n: { type: string }) => n.type === 'session.scheduled'),
    ).toHaveLength(0);
    expect(mentor.id).toBeTruthy();
  });

  it('should e-mail both people a calendar cancellation when their assignment ends', async () => {
    const student = await createUser(t, Role.Student, { timeZone: 'Europe/London' });
    const mentor = await createUser(t, Role.Mentor, { timeZone: 'Europe/London' });
    const assignmentId = await assign(t, student, mentor);
    const m = await login(t, mentor);
    const admin = await login(t, await createUser(t, Role.Admin));
    const created = await api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt: '2027-02-11T15:00:00.000Z', endsAt: '2027-02-11T16:00:00.000Z' })
      .expect(201);
    await api().delete(`/api/v1/admin/assignments/${assignmentId}`).set(admin.auth).expect(204);
    for (const person of [student, mentor]) {
      const mail = await eventually(() =>
        smtp.mails.find((x) => x.to === person.email && x.calendar?.includes('METHOD:CANCEL')),
      );
      expect(mail.subject).toContain('cancelled');
      expect(mail.text).toContain('assignment ended');
      expect(mail.calendar).toMatch(/STATUS:CANCELLED/);
      expect(mail.calendar).toContain(created.body.id);
    }
  });

  it('should send each reminder exactly once even with two job runners racing', async () => {
    const { student, s, m } = await pair();
    const created = await api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt: hoursFromNow(5), endsAt: hoursFromNow(6) })
      .expect(201);
    const job = t.app.get(RemindersJob);
    const [a, b] = await Promise.all([job.run(), job.run()]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    await job.run();
    await eventually(async () =>
      (await notifications(s)).body.items.find((n: { type: string }) => n.type === 'session.reminder'),
    );
    const rows = await t.app
      .get(DataSource)
      .query("SELECT user_id FROM notifications WHERE type = 'session.reminder' AND subject_id = ?", [created.body.id]);
    expect(rows).toHaveLength(2);
  });

  describe('event stream', () => {
    it('should deliver a notification to a connected client within a second, and nothing of other people', async () => {
      const a = await pair();
      const b = await pair();
      const ticket = await api().post('/api/v1/events/ticket').set(a.m.auth).expect(200);
      const stream = await openStream(baseUrl, `/api/v1/events?ticket=${ticket.body.ticket}`);
      expect(stream.status).toBe(200);
      try {
        await api()
          .post('/api/v1/mentoring-requests')
          .set(b.s.auth)
          .send({ mentorId: b.mentor.id, topic: 'Not for A', message: 'x' })
          .expect(201);
        await api()
          .post('/api/v1/mentoring-requests')
          .set(a.s.auth)
          .send({ mentorId: a.mentor.id, topic: 'For A', message: 'x' })
          .expect(201);
        const message = await stream.waitFor((x) => x.event === 'notification', 1000);
        expect(JSON.parse(message.data)).toMatchObject({
          type: 'request.created',
          title: expect.stringContaining('New request'),
          read: false,
        });
        await new Promise((r) => setTimeout(r, 200));
        expect(stream.messages.map((x) => x.data).join()).not.toContain('Not for A');
      } finally {
        stream.close();
      }
    });

    it('should accept a ticket once only, and refuse the stream without credentials', async () => {
      const { s } = await pair();
      const ticket = await api().post('/api/v1/events/ticket').set(s.auth).expect(200);
      const first = await openStream(baseUrl, `/api/v1/events?ticket=${ticket.body.ticket}`);
      first.close();
      expect(first.status).toBe(200);
      expect((await openStream(baseUrl, `/api/v1/events?ticket=${ticket.body.ticket}`)).status).toBe(401);
      expect((await openStream(baseUrl, '/api/v1/events')).status).toBe(401);
    });

    it('should accept a bearer token (fetch-based clients) and replay what was missed after Last-Event-ID', async () => {
      const { mentor, s, m } = await pair();
      const live = await openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${m.accessToken}` });
      await api()
        .post('/api/v1/mentoring-requests')
        .set(s.auth)
        .send({ mentorId: mentor.id, topic: 'First', message: 'x' })
        .expect(201);
      const first = await live.waitFor((x) => x.event === 'notification');
      live.close();

      // While disconnected: the request is withdrawn and a new one sent.
      const pending = (
        await api().get('/api/v1/mentoring-requests').query({ status: 'pending' }).set(s.auth).expect(200)
      ).body.items[0];
      await api().post(`/api/v1/mentoring-requests/${pending.id}/withdraw`).set(s.auth).expect(200);
      await api()
        .post('/api/v1/mentoring-requests')
        .set(s.auth)
        .send({ mentorId: mentor.id, topic: 'Second', message: 'x' })
        .expect(201);
      await eventually(async () => ((await notifications(m)).body.items.length >= 3 ? true : undefined));

      const resumed = await openStream(baseUrl, '/api/v1/events', {
        authorization: `Bearer ${m.accessToken}`,
        'last-event-id': first.id!,
      });
      try {
        const replayed = await resumed.waitFor((x) => x.data.includes('Second'));
        expect(resumed.messages.some((x) => x.data.includes('withdrew'))).toBe(true);
        expect(resumed.messages.some((x) => x.id === first.id)).toBe(false);
        expect(Number(replayed.id)).toBeGreaterThan(Number(first.id));
      } finally {
        resumed.close();
      }
    });

    it('should stream every request and session change to admins, and none of them to others', async () => {
      const admin = await createUser(t, Role.Admin);
      const adminSession = await login(t, admin);
      const [adminA, adminB] = await Promise.all([
        openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${adminSession.accessToken}` }),
        openStream(baseUrl, '/api/v1/events', {
          authorization: `Bearer ${(await login(t, await createUser(t, Role.Admin))).accessToken}`,
        }),
      ]);
      const bystander: TestUser = await createUser(t, Role.Student);
      const bystanderStream = await openStream(baseUrl, '/api/v1/events', {
        authorization: `Bearer ${(await login(t, bystander)).accessToken}`,
      });
      try {
        const { student, m } = await pair();
        const started = Date.now();
        const created = await api()
          .post('/api/v1/sessions')
          .set(m.auth)
          .send({ studentId: student.id, startsAt: hoursFromNow(90), endsAt: hoursFromNow(91) })
          .expect(201);
        for (const stream of [adminA, adminB]) {
          const event = await stream.waitFor(
            (x) => x.event === 'session.scheduled' && x.data.includes(created.body.id),
            1000,
          );
          expect(JSON.parse(event.data)).toMatchObject({
            type: 'session.scheduled',
            subject: { type: 'session', id: created.body.id },
            state: { status: 'scheduled' },
          });
        }
        expect(Date.now() - started).toBeLessThan(1500);
        await new Promise((r) => setTimeout(r, 150));
        expect(bystanderStream.messages).toHaveLength(0);
      } finally {
        adminA.close();
        adminB.close();
        bystanderStream.close();
      }
    });
  });
});
