import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SchedulerRegistry } from '@nestjs/schedule';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.factory';
import { RedisConnections } from '../../src/common/redis/redis-connections';
import { EventRelay, relayKey } from '../../src/modules/events/event-relay';
import { STREAM_CHECK_INTERVAL } from '../../src/modules/events/live-streams';
import { Role } from '../../src/common/auth/role';
import { createUser, login, Session } from '../factories/users.factory';
import { listen, openStream, SseConnection } from '../utils/sse-client';
import { createTestApp, TestApp } from '../utils/test-app';
import { deleteKeys, REDIS_URL, uniquePrefix } from './redis-test-utils';

/** Two API instances on one database and one Redis: what happens on one reaches the streams held by the other. */
describe('Event streams across instances (HTTP, Redis)', () => {
  const prefix = uniquePrefix();
  let a: TestApp;
  let b: NestFastifyApplication;
  let baseUrlB: string;
  let admin: Session;
  const open: SseConnection[] = [];

  async function streamOnB(session: Session): Promise<SseConnection> {
    const stream = await openStream(baseUrlB, '/api/v1/events', { authorization: `Bearer ${session.accessToken}` });
    expect(stream.status).toBe(200);
    open.push(stream);
    return stream;
  }

  function signed(channel: string, body: unknown): string {
    const json = JSON.stringify(body);
    return `${createHmac('sha256', relayKey(a.config)).update(`${channel}\n`).update(json).digest('base64url')}.${json}`;
  }

  beforeAll(async () => {
    Logger.overrideLogger(false);
    a = await createTestApp({ REDIS_URL, REDIS_KEY_PREFIX: prefix });
    b = await createApp(a.config);
    baseUrlB = await listen({ ...a, app: b });
    await Promise.all([a.app.get(EventRelay).whenSubscribed(), b.get(EventRelay).whenSubscribed()]);
    // On B only the relayed signal may end streams, not B's own periodic re-check.
    b.get(SchedulerRegistry).deleteInterval(STREAM_CHECK_INTERVAL);
    admin = await login(a, await createUser(a, Role.Admin));
  });

  afterEach(() => {
    for (const stream of open.splice(0)) stream.close();
  });

  afterAll(async () => {
    await b.close();
    await a.close();
    await deleteKeys(prefix);
  });

  it('should end the stream on instance B when the admin is deactivated on instance A', async () => {
    const user = await createUser(a, Role.Admin);
    const stream = await streamOnB(await login(a, user));
    const started = Date.now();
    await request(a.server).patch(`/api/v1/admin/users/${user.id}`).set(admin.auth).send({ active: false }).expect(200);
    await stream.waitForEnd(2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stream.messages[stream.messages.length - 1]).toEqual({
      event: 'stream.closed',
      data: JSON.stringify({ reason: 'revoked' }),
    });
  });

  it('should end the stream on instance B when its student signs out everywhere on instance A, with a ticket from A', async () => {
    const user = await createUser(a, Role.Student);
    const session = await login(a, user);
    const ticket = await request(a.server).post('/api/v1/events/ticket').set(session.auth).expect(200);
    const stream = await openStream(baseUrlB, `/api/v1/events?ticket=${ticket.body.ticket}`);
    open.push(stream);
    expect(stream.status).toBe(200);
    await request(a.server)
      .post('/api/v1/auth/logout')
      .set('Cookie', session.refreshCookie)
      .send({ everywhere: true })
      .expect(204);
    await stream.waitForEnd(2000);
  });

  it('should not deliver a forged relay message published straight to Redis, but deliver a correctly signed one', async () => {
    const user = await createUser(a, Role.Admin);
    const stream = await streamOnB(await login(a, user));
    const channel = b.get(EventRelay).channel;
    const publisher = b.get(RedisConnections).create('test-forger');
    const event = (id: number, title: string) => ({
      id,
      channel: 'admin',
      userId: null,
      type: 'session.scheduled',
      payload: JSON.stringify({ title }),
    });
    const droppedBefore = b.get(EventRelay).dropped;

    await publisher.publish(
      channel,
      JSON.stringify({ origin: 'forger', sentAt: Date.now(), event: event(910_001, 'no signature') }),
    );
    await publisher.publish(
      channel,
      `${'x'.repeat(43)}.${JSON.stringify({ origin: 'forger', sentAt: Date.now(), event: event(910_002, 'bad signature') })}`,
    );
    await publisher.publish(channel, JSON.stringify({ origin: 'forger', sentAt: Date.now(), revoked: user.id }));
    await publisher.publish(
      channel,
      signed(channel, { origin: 'instance-c', sentAt: Date.now(), event: event(910_003, 'signed') }),
    );

    const delivered = await stream.waitFor((m) => m.id === '910003', 2000);
    expect(delivered.data).toBe(JSON.stringify({ title: 'signed' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stream.messages.map((m) => m.id)).toEqual(['910003']);
    expect(stream.ended).toBe(false);
    expect(b.get(EventRelay).dropped - droppedBefore).toBe(3);
  });
});
