import { Logger } from '@nestjs/common';
import type { Repository } from 'typeorm';
import { RedisConnections } from '../../src/common/redis/redis-connections';
import { loadConfig } from '../../src/config/env';
import type { EventLogEntity } from '../../src/modules/events/event-log.entity';
import { EventRelay } from '../../src/modules/events/event-relay';
import { EventStream, StreamEvent } from '../../src/modules/events/event-stream';
import { eventually, REDIS_URL, uniquePrefix } from './redis-test-utils';

/** The event log the instances share: ids come from one sequence, as from the event_log table. */
function sharedLog(): Repository<EventLogEntity> {
  let id = 0;
  return { insert: async () => ({ identifiers: [{ id: ++id }] }) } as unknown as Repository<EventLogEntity>;
}

interface Instance {
  stream: EventStream;
  relay: EventRelay;
  redis: RedisConnections;
  received: StreamEvent[];
}

async function startInstance(log: Repository<EventLogEntity>, prefix: string): Promise<Instance> {
  const redis = new RedisConnections(loadConfig({ REDIS_URL, REDIS_KEY_PREFIX: prefix }));
  const stream = new EventStream(log);
  const relay = new EventRelay(stream, redis);
  relay.onModuleInit();
  await relay.whenSubscribed();
  const received: StreamEvent[] = [];
  stream.subscribe((event) => received.push(event));
  return { stream, relay, redis, received };
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

  async function cluster(n: number, prefix = uniquePrefix(), log = sharedLog()): Promise<Instance[]> {
    const started = await Promise.all(Array.from({ length: n }, () => startInstance(log, prefix)));
    instances.push(...started);
    return started;
  }

  it('should deliver an event appended on one instance to the subscribers of the others, with its stored id', async () => {
    const [a, b, c] = await cluster(3);
    const [stored] = await a.stream.append([{ channel: 'admin', userId: null, type: 'session.scheduled', data: { subject: { id: 's1' } } }]);
    await eventually(async () => (b.received.length === 1 && c.received.length === 1 ? true : undefined), 1000);
    expect(b.received).toEqual([stored]);
    expect(c.received).toEqual([stored]);
    expect(stored).toEqual({ id: 1, channel: 'admin', userId: null, type: 'session.scheduled', payload: '{"subject":{"id":"s1"}}' });
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
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).stream.append([{ channel: 'admin', userId: null, type: 'request.created', data: { i } }])));
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
    await publisher.publish(a.relay.channel, 'not json');
    await publisher.publish(a.relay.channel, JSON.stringify({ origin: 'elsewhere', event: { id: 'x', channel: 'admin' } }));
    await publisher.publish(a.relay.channel, JSON.stringify({ origin: 'elsewhere', event: { id: 7, channel: 'admin', userId: null, type: 't', payload: '{}', extra: 1 } }));
    await eventually(async () => (a.received.length === 1 ? true : undefined), 1000);
    expect(a.received).toEqual([{ id: 7, channel: 'admin', userId: null, type: 't', payload: '{}' }]);
  });
});
