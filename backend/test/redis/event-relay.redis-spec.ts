import { Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AccountRevocations } from '../../src/common/events/account-revocations';
import { RedisConnections } from '../../src/common/redis/redis-connections';
import { AppConfig, loadConfig } from '../../src/config/env';
import { EventRelay, RELAY_MAX_AGE_MS, relayKey } from '../../src/modules/events/event-relay';
import { EventStream, StreamEvent } from '../../src/modules/events/event-stream';
import type { EventsRepository } from '../../src/modules/events/events.repository';
import { eventually, REDIS_URL, uniquePrefix } from './redis-test-utils';

/** The event log the instances share: ids come from one sequence, as from the event_log table. */
function sharedLog(): EventsRepository {
  let id = 0;
  return { appendEntry: async () => ++id } as unknown as EventsRepository;
}

const JWT_SECRET = 'relay-test-secret-that-is-long-enough-0123456789';

interface Instance {
  config: AppConfig;
  stream: EventStream;
  relay: EventRelay;
  redis: RedisConnections;
  revocations: AccountRevocations;
  received: StreamEvent[];
  revoked: string[];
}

async function startInstance(
  log: EventsRepository,
  prefix: string,
  env: Record<string, string> = {},
): Promise<Instance> {
  const config = loadConfig({ REDIS_URL, REDIS_KEY_PREFIX: prefix, JWT_SECRET, ...env });
  const redis = new RedisConnections(config);
  const stream = new EventStream(log);
  const revocations = new AccountRevocations();
  const relay = new EventRelay(stream, redis, revocations, config);
  relay.onModuleInit();
  await relay.whenSubscribed();
  const received: StreamEvent[] = [];
  const revoked: string[] = [];
  stream.subscribe((event) => received.push(event));
  revocations.subscribe((userId) => revoked.push(userId));
  return { config, stream, relay, redis, revocations, received, revoked };
}

/** Signed the way a deployment's instances sign: HMAC-SHA256 over channel and body, with the shared key. */
function signed(config: Pick<AppConfig, 'eventRelaySecret' | 'jwtSecret'>, channel: string, body: unknown): string {
  const json = JSON.stringify(body);
  return `${createHmac('sha256', relayKey(config)).update(`${channel}\n`).update(json).digest('base64url')}.${json}`;
}

describe(EventRelay.name, () => {
  const instances: Instance[] = [];

  beforeAll(() => Logger.overrideLogger(false));

  afterEach(async () => {
    for (const i of instances.splice(0)) {
      i.relay.onApplicationShutdown();
      await i.redis.onApplicationShutdown();
    }
  });

  async function cluster(
    n: number,
    prefix = uniquePrefix(),
    log = sharedLog(),
    env: Record<string, string> = {},
  ): Promise<Instance[]> {
    const started = await Promise.all(Array.from({ length: n }, () => startInstance(log, prefix, env)));
    instances.push(...started);
    return started;
  }

  it('should deliver an event appended on one instance to the subscribers of the others, with its stored id', async () => {
    const [a, b, c] = await cluster(3);
    const [stored] = await a.stream.append([
      { channel: 'admin', userId: null, type: 'session.scheduled', data: { subject: { id: 's1' } } },
    ]);
    await eventually(async () => (b.received.length === 1 && c.received.length === 1 ? true : undefined), 1000);
    expect(b.received).toEqual([stored]);
    expect(c.received).toEqual([stored]);
    expect(stored).toEqual({
      id: 1,
      channel: 'admin',
      userId: null,
      type: 'session.scheduled',
      payload: '{"subject":{"id":"s1"}}',
    });
  });

  it('should deliver to the appending instance once, not again when its own message comes back', async () => {
    const [a, b] = await cluster(2);
    await a.stream.append([{ channel: 'user', userId: 'u1', type: 'notification', data: { n: 1 } }]);
    await b.stream.append([{ channel: 'user', userId: 'u2', type: 'notification', data: { n: 2 } }]);
    await eventually(async () => (a.received.length === 2 && b.received.length === 2 ? true : undefined), 1000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.received.map((e) => e.id).sort()).toEqual([1, 2]);
    expect(b.received.map((e) => e.id).sort()).toEqual([1, 2]);
  });

  it('should relay many events from both instances, each exactly once everywhere', async () => {
    const [a, b] = await cluster(2);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).stream.append([{ channel: 'admin', userId: null, type: 'request.created', data: { i } }]),
      ),
    );
    await eventually(async () => (a.received.length === 100 && b.received.length === 100 ? true : undefined), 2000);
    const ids = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(a.received.map((e) => e.id).sort((x, y) => x - y)).toEqual(ids);
    expect(b.received.map((e) => e.id).sort((x, y) => x - y)).toEqual(ids);
  });

  it('should not reach instances of another deployment (another key prefix)', async () => {
    const log = sharedLog();
    const [a] = await cluster(1, uniquePrefix(), log);
    const [other] = await cluster(1, uniquePrefix(), log);
    const [sibling] = await cluster(1, a.relay.channel.replace(/events$/, ''), log);
    await a.stream.append([{ channel: 'admin', userId: null, type: 'request.created', data: {} }]);
    await eventually(async () => (sibling.received.length === 1 ? true : undefined), 1000);
    expect(other.received).toEqual([]);
  });

  it('should ignore malformed messages on the channel', async () => {
    const [a] = await cluster(1);
    const publisher = a.redis.create('test-publisher');
    const at = Date.now();
    await publisher.publish(a.relay.channel, 'not json');
    await publisher.publish(
      a.relay.channel,
      signed(a.config, a.relay.channel, { origin: 'elsewhere', sentAt: at, event: { id: 'x', channel: 'admin' } }),
    );
    await publisher.publish(
      a.relay.channel,
      signed(a.config, a.relay.channel, {
        origin: 'elsewhere',
        sentAt: at,
        event: { id: 8, channel: 'admin', userId: 'u1', type: 't', payload: '{}' },
      }),
    );
    await publisher.publish(
      a.relay.channel,
      signed(a.config, a.relay.channel, {
        origin: 'elsewhere',
        sentAt: at,
        event: { id: 7, channel: 'admin', userId: null, type: 't', payload: '{}', extra: 1 },
      }),
    );
    await eventually(async () => (a.received.length === 1 ? true : undefined), 1000);
    expect(a.received).toEqual([{ id: 7, channel: 'admin', userId: null, type: 't', payload: '{}' }]);
    expect(a.relay.dropped).toBe(3);
  });

  it('should drop messages without a valid signature and deliver a correctly signed one', async () => {
    const [a] = await cluster(1);
    const publisher = a.redis.create('test-publisher');
    const event = (id: number) => ({
      id,
      channel: 'user',
      userId: 'victim',
      type: 'notification',
      payload: JSON.stringify({ title: `forged ${id}` }),
    });
    const body = (id: number) => ({ origin: 'elsewhere', sentAt: Date.now(), event: event(id) });
    const forgeries = [
      JSON.stringify(body(1)),
      `.${JSON.stringify(body(2))}`,
      `${'A'.repeat(43)}.${JSON.stringify(body(3))}`,
      signed({ jwtSecret: 'another-deployments-secret-0123456789abcdef' }, a.relay.channel, body(4)),
      signed(a.config, 'another-deployment:events', body(5)),
      signed(a.config, a.relay.channel, { ...body(6), sentAt: Date.now() - RELAY_MAX_AGE_MS - 1000 }),
      signed(a.config, a.relay.channel, body(7)).replace('"victim"', '"victim2"'),
    ];
    for (const message of forgeries) await publisher.publish(a.relay.channel, message);
    await publisher.publish(a.relay.channel, signed(a.config, a.relay.channel, body(8)));
    await eventually(async () => (a.received.length > 0 ? true : undefined), 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.received).toEqual([event(8)]);
    expect(a.relay.dropped).toBe(forgeries.length);
  });

  it('should sign with EVENT_RELAY_SECRET when it is set, so only instances with that secret are heard', async () => {
    const prefix = uniquePrefix();
    const log = sharedLog();
    const secret = 'relay-secret-of-at-least-32-bytes-0123456789';
    const [a, b] = await cluster(2, prefix, log, { EVENT_RELAY_SECRET: secret });
    const [stranger] = await cluster(1, prefix, log);
    await a.stream.append([{ channel: 'admin', userId: null, type: 'request.created', data: {} }]);
    await stranger.stream.append([{ channel: 'admin', userId: null, type: 'request.created', data: {} }]);
    await eventually(
      async () => (b.received.length === 1 && b.relay.dropped === 1 && stranger.relay.dropped === 1 ? true : undefined),
      1000,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.received.map((e) => e.id)).toEqual([1]);
    expect(stranger.received.map((e) => e.id)).toEqual([2]);
    expect(stranger.relay.dropped).toBe(1);
    expect(b.relay.dropped).toBe(1);
  });

  it('should relay an account revocation to every other instance, and deliver it once where it was raised', async () => {
    const [a, b, c] = await cluster(3);
    a.revocations.revoke('u1');
    await eventually(async () => (b.revoked.length === 1 && c.revoked.length === 1 ? true : undefined), 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([a.revoked, b.revoked, c.revoked]).toEqual([['u1'], ['u1'], ['u1']]);
  });

  it('should not act on a forged revocation', async () => {
    const [a] = await cluster(1);
    const publisher = a.redis.create('test-publisher');
    await publisher.publish(
      a.relay.channel,
      JSON.stringify({ origin: 'elsewhere', sentAt: Date.now(), revoked: 'u1' }),
    );
    await publisher.publish(
      a.relay.channel,
      signed(a.config, a.relay.channel, { origin: 'elsewhere', sentAt: Date.now(), revoked: 'u2' }),
    );
    await eventually(async () => (a.revoked.length > 0 ? true : undefined), 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.revoked).toEqual(['u2']);
    expect(a.relay.dropped).toBe(1);
  });
});
