import { SchedulerRegistry } from '@nestjs/schedule';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AccountRevocations } from '../../src/common/events/account-revocations';
import { DomainEventBus } from '../../src/common/events/domain-event';
import { TransactionHost } from '@nestjs-cls/transactional';
import { EventStream } from '../../src/modules/events/event-stream';
import {
  LiveStreams,
  MAX_STREAMS_PER_ACCOUNT,
  STREAM_CHECK_INTERVAL,
  STREAM_CHECK_MS,
} from '../../src/modules/events/live-streams';
import { Role } from '../../src/common/auth/role';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { createUser, login, Session, TestUser } from '../factories/users.factory';
import { listen, openStream, SseConnection } from '../utils/sse-client';
import { SqlCounter } from '../utils/sql-counter';
import { createTestApp, TestApp } from '../utils/test-app';

const NEW_PASSWORD = 'a-brand-new-passphrase-7';

function lastMessage(stream: SseConnection) {
  return stream.messages[stream.messages.length - 1];
}

async function expectRevoked(stream: SseConnection, timeoutMs = 1500): Promise<void> {
  await stream.waitForEnd(timeoutMs);
  expect(lastMessage(stream)).toEqual({ event: 'stream.closed', data: JSON.stringify({ reason: 'revoked' }) });
}

/** SPEC §5.5: what revokes an account's tokens also ends its open live streams, at once. */
describe('Event streams end when the account is revoked (HTTP)', () => {
  let t: TestApp;
  let baseUrl: string;
  let superAdmin: Session;
  const api = () => request(t.server);
  const open: SseConnection[] = [];

  async function bearerStream(session: Session): Promise<SseConnection> {
    const stream = await openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${session.accessToken}` });
    expect(stream.status).toBe(200);
    open.push(stream);
    return stream;
  }

  async function ticketStream(session: Session): Promise<SseConnection> {
    const ticket = await api().post('/api/v1/events/ticket').set(session.auth).expect(200);
    const stream = await openStream(baseUrl, `/api/v1/events?ticket=${ticket.body.ticket}`);
    expect(stream.status).toBe(200);
    open.push(stream);
    return stream;
  }

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
    superAdmin = await login(t, await createUser(t, Role.Admin));
    // Only the revocation signal may end streams here; the periodic re-check has a suite of its own below.
    t.app.get(SchedulerRegistry).deleteInterval(STREAM_CHECK_INTERVAL);
  });

  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should end an admin stream when the admin is deactivated, and give them no new ticket', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const [bearer, ticketed] = [await bearerStream(admin), await ticketStream(admin)];
    const bystander = await bearerStream(await login(t, await createUser(t, Role.Admin)));
    const adminId = (await api().get('/api/v1/me').set(admin.auth).expect(200)).body.id;

    await api().patch(`/api/v1/admin/users/${adminId}`).set(superAdmin.auth).send({ active: false }).expect(200);
    await expectRevoked(bearer);
    await expectRevoked(ticketed);
    await api().post('/api/v1/events/ticket').set(admin.auth).expect(401);

    // The oversight feed goes on for everyone else, and not to the deactivated admin.
    t.app
      .get(EventStream)
      .emit({ id: 900_001, channel: 'admin', userId: null, type: 'session.scheduled', payload: '{}' });
    await bystander.waitFor((m) => m.id === '900001');
    expect(bystander.ended).toBe(false);
    expect(bearer.messages.some((m) => m.id === '900001')).toBe(false);
  });

  it('should end an admin stream when the admin is demoted', async () => {
    const user = await createUser(t, Role.Admin);
    const admin = await login(t, user);
    const stream = await bearerStream(admin);
    await api().patch(`/api/v1/admin/users/${user.id}`).set(superAdmin.auth).send({ role: Role.Mentor }).expect(200);
    await expectRevoked(stream);
  });

  it.each([Role.Admin, Role.Student])('should end the streams of the %s who changes their password', async (role) => {
    const user = await createUser(t, role);
    const session = await login(t, user);
    const [bearer, ticketed] = [await bearerStream(session), await ticketStream(session)];
    await api()
      .post('/api/v1/me/password')
      .set(session.auth)
      .send({ currentPassword: user.password, newPassword: NEW_PASSWORD })
      .expect(204);
    await expectRevoked(bearer);
    await expectRevoked(ticketed);
  });

  it.each([Role.Admin, Role.Student])(
    'should end every stream of the %s who signs out everywhere, from any of their sessions',
    async (role) => {
      const user = await createUser(t, role);
      const [here, elsewhere] = [await login(t, user), await login(t, user)];
      const streams = [await bearerStream(here), await ticketStream(elsewhere)];
      await api().post('/api/v1/auth/logout').set('Cookie', here.refreshCookie).send({ everywhere: true }).expect(204);
      for (const stream of streams) await expectRevoked(stream);
    },
  );

  it('should keep the streams of a plain sign-out and of other accounts open', async () => {
    const user = await createUser(t, Role.Student);
    const [here, elsewhere] = [await login(t, user), await login(t, user)];
    const other = await bearerStream(await login(t, await createUser(t, Role.Student)));
    const stream = await bearerStream(elsewhere);
    await api().post('/api/v1/auth/logout').set('Cookie', here.refreshCookie).send({}).expect(204);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([stream.ended, other.ended]).toEqual([false, false]);
  });

  it('should deactivate a student whose stream then ends', async () => {
    const user = await createUser(t, Role.Student);
    const stream = await ticketStream(await login(t, user));
    await api().patch(`/api/v1/admin/users/${user.id}`).set(superAdmin.auth).send({ active: false }).expect(200);
    await expectRevoked(stream);
  });

  it('should raise the signal once the bump commits, and not at all when it rolls back', async () => {
    const user = await createUser(t, Role.Student);
    const stream = await bearerStream(await login(t, user));
    const [transactions, users] = [t.app.get(TransactionHost), t.app.get(UsersRepository)];
    const revoked: string[] = [];
    const stop = t.app.get(AccountRevocations).subscribe((id) => revoked.push(id));
    try {
      await expect(
        transactions.withTransaction(async () => {
          await users.bumpTokenVersion(user.id);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(revoked).toEqual([]);
      expect(stream.ended).toBe(false);

      await transactions.withTransaction(async () => {
        await users.bumpTokenVersion(user.id);
        expect(revoked).toEqual([]);
      });
      expect(revoked).toEqual([user.id]);
      await expectRevoked(stream);
    } finally {
      stop();
    }
  });

  it('should refuse a ticket issued before the password changed', async () => {
    const user = await createUser(t, Role.Student);
    const session = await login(t, user);
    const ticket = await api().post('/api/v1/events/ticket').set(session.auth).expect(200);
    await api()
      .post('/api/v1/me/password')
      .set(session.auth)
      .send({ currentPassword: user.password, newPassword: NEW_PASSWORD })
      .expect(204);
    const stream = await openStream(baseUrl, `/api/v1/events?ticket=${ticket.body.ticket}`);
    stream.close();
    expect(stream.status).toBe(401);
  });

  it(`should end the oldest stream of an account when it opens a ${MAX_STREAMS_PER_ACCOUNT + 1}th`, async () => {
    const user: TestUser = await createUser(t, Role.Mentor);
    const session = await login(t, user);
    const streams: SseConnection[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_ACCOUNT; i++)
      streams.push(i % 2 ? await ticketStream(session) : await bearerStream(session));
    const others = await bearerStream(await login(t, await createUser(t, Role.Mentor)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(streams.map((s) => s.ended)).toEqual(Array(MAX_STREAMS_PER_ACCOUNT).fill(false));

    const newest = await ticketStream(session);
    await streams[0].waitForEnd(1000);
    expect(lastMessage(streams[0])).toEqual({
      event: 'stream.closed',
      data: JSON.stringify({ reason: 'too-many-streams' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...streams.slice(1), newest, others].map((s) => s.ended)).toEqual(
      Array(MAX_STREAMS_PER_ACCOUNT + 1).fill(false),
    );

    // The survivors still get their events.
    t.app
      .get(EventStream)
      .emit({ id: 900_002, channel: 'user', userId: user.id, type: 'notification', payload: '{"n":2}' });
    for (const stream of [...streams.slice(1), newest]) await stream.waitFor((m) => m.id === '900002');
  });

  it('should name on the admin feed only the people of the request or session, and add no recipient id to a stream', async () => {
    const admin = await login(t, await createUser(t, Role.Admin));
    const stream = await bearerStream(admin);
    const bus = t.app.get(DomainEventBus);
    const base = {
      at: new Date().toISOString(),
      audience: ['student-1', 'mentor-1'],
      data: { id: 's1', status: 'cancelled', mentorId: 'mentor-1', studentId: 'student-1' },
    };
    bus.publish({
      ...base,
      type: 'session.cancelled',
      actorId: 'somebody-else',
      subject: { type: 'session', id: 's1' },
    });
    bus.publish({ ...base, type: 'session.cancelled', actorId: 'mentor-1', subject: { type: 'session', id: 's2' } });
    // Both events carry the same state (`id: s1`): tell them apart by their subject, whatever order they are stored in.
    const ofSubject = (id: string) => (m: { data: string }) =>
      (JSON.parse(m.data) as { subject?: { id?: string } }).subject?.id === id;
    const outsider = JSON.parse((await stream.waitFor(ofSubject('s1'))).data);
    const participant = JSON.parse((await stream.waitFor(ofSubject('s2'))).data);
    expect(outsider).toMatchObject({ actorId: null, subject: { id: 's1' } });
    expect(JSON.stringify(outsider)).not.toContain('somebody-else');
    expect(participant).toMatchObject({ actorId: 'mentor-1', subject: { id: 's2' } });

    const recipient = await createUser(t, Role.Student);
    const own = await bearerStream(await login(t, recipient));
    t.app
      .get(EventStream)
      .emit({ id: 900_003, channel: 'user', userId: recipient.id, type: 'notification', payload: '{"title":"Hello"}' });
    expect(await own.waitFor((m) => m.id === '900003')).toEqual({
      id: '900003',
      event: 'notification',
      data: '{"title":"Hello"}',
    });
  });
});

describe('Event streams re-check their accounts without the revocation signal (HTTP)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await listen(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it(`should end streams whose account changed behind the signal's back within ${STREAM_CHECK_MS / 1000} s`, async () => {
    const [bumped, deactivated, untouched] = await Promise.all([
      createUser(t, Role.Admin),
      createUser(t, Role.Student),
      createUser(t, Role.Student),
    ]);
    const streams = await Promise.all(
      [bumped, deactivated, untouched].map(async (user) =>
        openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${(await login(t, user)).accessToken}` }),
      ),
    );
    try {
      // Straight in the database: no revocation signal is raised.
      const db = t.app.get(DataSource);
      await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = ?', [bumped.id]);
      await db.query('UPDATE users SET active = ? WHERE id = ?', [false, deactivated.id]);
      const started = Date.now();
      await expectRevoked(streams[0], STREAM_CHECK_MS + 2000);
      await expectRevoked(streams[1], 1000);
      expect(Date.now() - started).toBeLessThan(STREAM_CHECK_MS + 2000);
      expect(streams[2].ended).toBe(false);
      expect(t.app.get(LiveStreams).openCount).toBe(1);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('should check every open stream with one query, however many accounts and streams', async () => {
    t.app.get(SchedulerRegistry).deleteInterval(STREAM_CHECK_INTERVAL);
    const users = await Promise.all([
      createUser(t, Role.Admin),
      createUser(t, Role.Mentor),
      createUser(t, Role.Student),
    ]);
    const sessions = await Promise.all(users.map((user) => login(t, user)));
    const streams = await Promise.all(
      [...sessions, ...sessions].map((session) =>
        openStream(baseUrl, '/api/v1/events', { authorization: `Bearer ${session.accessToken}` }),
      ),
    );
    try {
      const counter = SqlCounter.attach(t.app.get(DataSource));
      const { trace } = await counter.trace(() => t.app.get(LiveStreams).verifyOpenStreams());
      expect(trace.statements).toEqual([
        expect.stringMatching(/^SELECT .*\btoken_version\b.* FROM users u WHERE u\.id IN \(\?, ?\?, ?\?\)$/),
      ]);
      expect(streams.map((s) => s.ended)).toEqual(Array(6).fill(false));
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
