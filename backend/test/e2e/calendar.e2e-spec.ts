import ICAL from 'ical.js';
import request from 'supertest';
import { Role } from '../../src/common/auth/role';
import { formatInZone } from '../../src/common/time/format';
import { hoursFromNow } from '../factories/sessions.factory';
import { hashToken, newId, newSecretToken } from '../../src/common/crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PasswordResetEntity } from '../../src/modules/auth/password-reset.entity';
import { PasswordResetsRepository } from '../../src/modules/auth/password-resets.repository';
import { assign, createUser, login, Session } from '../factories/users.factory';
import { createTestApp, TestApp } from '../utils/test-app';

const NEW_PASSWORD = 'a-fresh-and-long-passphrase';

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => ({
    uid: String(vevent.getFirstPropertyValue('uid')),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    status: String(vevent.getFirstPropertyValue('status')),
    start: (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString(),
    end: (vevent.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().toISOString(),
    stamp: vevent.getFirstPropertyValue('dtstamp'),
    summary: String(vevent.getFirstPropertyValue('summary')),
    raw: vevent.toString(),
  }));
}

describe('Calendar feeds (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://mentoring.uni.example' });
  });

  afterAll(async () => {
    await t.close();
  });

  const api = () => request(t.server);
  const feedPath = (url: string) => new URL(url).pathname;

  it('should serve a private ICS feed with stable UIDs, increasing SEQUENCE and cancellations', async () => {
    const student = await createUser(t, Role.Student, { displayName: 'Ada Student' });
    const mentor = await createUser(t, Role.Mentor, { displayName: 'Dr. Mentor' });
    await assign(t, student, mentor);
    const [s, m] = [await login(t, student), await login(t, mentor)];
    const created = await api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt: hoursFromNow(30), endsAt: hoursFromNow(31), location: 'Room 4' })
      .expect(201);
    const other = await api()
      .post('/api/v1/sessions')
      .set(m.auth)
      .send({ studentId: student.id, startsAt: hoursFromNow(40), endsAt: hoursFromNow(41) })
      .expect(201);
    await api()
      .patch(`/api/v1/sessions/${created.body.id}`)
      .set(m.auth)
      .send({ mentorNotes: 'PRIVATE-NOTE-MARKER' })
      .expect(200);

    const feed = await api().get('/api/v1/me/calendar-feed').set(s.auth).expect(200);
    expect(feed.body.url).toMatch(/^https:\/\/mentoring\.uni\.example\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await api().get('/api/v1/me/calendar-feed').set(s.auth).expect(200)).body.url).toBe(feed.body.url);

    const first = await api().get(feedPath(feed.body.url)).expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    expect(first.text).not.toContain('PRIVATE-NOTE-MARKER');
    const before = parse(first.text);
    expect(before.map((e) => e.uid).sort()).toEqual(
      [`${created.body.id}@peerpals`, `${other.body.id}@peerpals`].sort(),
    );
    const event = before.find((e) => e.uid.startsWith(created.body.id))!;
    expect(event).toMatchObject({
      start: created.body.startsAt,
      end: created.body.endsAt,
      status: 'CONFIRMED',
      summary: 'Mentoring session with Dr. Mentor',
    });
    expect(event.raw).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    expect(event.stamp).toBeTruthy();

    await api()
      .patch(`/api/v1/sessions/${created.body.id}`)
      .set(m.auth)
      .send({ startsAt: hoursFromNow(32), endsAt: hoursFromNow(33) })
      .expect(200);
    await api().post(`/api/v1/sessions/${other.body.id}/cancel`).set(s.auth).send({ reason: 'Clash' }).expect(200);
    const after = parse((await api().get(feedPath(feed.body.url)).expect(200)).text);
    const moved = after.find((e) => e.uid === event.uid)!;
    expect(moved.sequence).toBeGreaterThan(event.sequence);
    expect(moved.start).toBe(hoursFromNow(32));
    expect(after.find((e) => e.uid.startsWith(other.body.id))!.status).toBe('CANCELLED');

    // The mentor's feed names the student.
    const mentorFeed = await api().get('/api/v1/me/calendar-feed').set(m.auth).expect(200);
    expect(parse((await api().get(feedPath(mentorFeed.body.url)).expect(200)).text)[0].summary).toBe(
      'Mentoring session with Ada Student',
    );
  });

  it('should stop serving a rotated feed URL at once', async () => {
    const user = await createUser(t, Role.Student);
    const s = await login(t, user);
    const old = await api().get('/api/v1/me/calendar-feed').set(s.auth).expect(200);
    await api().get(feedPath(old.body.url)).expect(200);
    const rotated = await api().post('/api/v1/me/calendar-feed/rotate').set(s.auth).expect(200);
    expect(rotated.body.url).not.toBe(old.body.url);
    const gone = await api().get(feedPath(old.body.url)).expect(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
    await api().get(feedPath(rotated.body.url)).expect(200);
  });

  describe("when the account's credentials change", () => {
    const feedOf = async (s: Session) =>
      (await api().get('/api/v1/me/calendar-feed').set(s.auth).expect(200)).body.url as string;

    /** The old URL is dead and the next one works. */
    async function expectRotated(oldUrl: string, user: { email: string; password: string }): Promise<void> {
      await api().get(feedPath(oldUrl)).expect(404);
      const url = await feedOf(await login(t, user));
      expect(url).not.toBe(oldUrl);
      await api().get(feedPath(url)).expect(200);
    }

    it('should rotate the feed URL when the password changes', async () => {
      const user = await createUser(t, Role.Student);
      const old = await feedOf(await login(t, user));
      await api().get(feedPath(old)).expect(200);
      await api()
        .post('/api/v1/me/password')
        .set((await login(t, user)).auth)
        .send({ currentPassword: user.password, newPassword: NEW_PASSWORD })
        .expect(204);
      await expectRotated(old, { email: user.email, password: NEW_PASSWORD });
    });

    it('should rotate the feed URL on "sign out everywhere", but not on a plain sign-out', async () => {
      const user = await createUser(t, Role.Mentor);
      const s = await login(t, user);
      const old = await feedOf(s);
      await api().post('/api/v1/auth/logout').set('Cookie', s.refreshCookie).send({}).expect(204);
      await api().get(feedPath(old)).expect(200);
      await api()
        .post('/api/v1/auth/logout')
        .set('Cookie', (await login(t, user)).refreshCookie)
        .send({ everywhere: true })
        .expect(204);
      await expectRotated(old, user);
    });

    it('should rotate the feed URL when the password is reset', async () => {
      const user = await createUser(t, Role.Student);
      const old = await feedOf(await login(t, user));
      const token = newSecretToken();
      const now = new Date();
      await t.app.get(TransactionHost).withTransaction(() =>
        t.app.get(PasswordResetsRepository).insert(
          Object.assign(new PasswordResetEntity(), {
            id: newId(),
            userId: user.id,
            tokenHash: hashToken(token),
            expiresAt: new Date(now.getTime() + 60_000),
            usedAt: null,
            revokedAt: null,
            requestedBy: null,
            createdAt: now,
          }),
        ),
      );
      await api().post('/api/v1/auth/password-reset/confirm').send({ token, password: NEW_PASSWORD }).expect(204);
      await expectRotated(old, { email: user.email, password: NEW_PASSWORD });
    });
  });

  it('should answer unknown and malformed tokens with 404', async () => {
    await api()
      .get(`/api/v1/calendar/${'A'.repeat(43)}.ics`)
      .expect(404);
    await api().get('/api/v1/calendar/nope').expect(404);
  });
});

describe("Times in the viewer's zone", () => {
  it('should show 09:00 London as 09:00 to a London viewer and 04:00 to a New York viewer, in winter and in summer', () => {
    const winter = new Date('2026-01-15T09:00:00Z'); // GMT and EST
    const summer = new Date('2026-07-15T08:00:00Z'); // BST and EDT
    for (const instant of [winter, summer]) {
      expect(formatInZone(instant, 'Europe/London')).toContain('09:00');
      expect(formatInZone(instant, 'America/New_York')).toContain('04:00');
    }
  });
});
