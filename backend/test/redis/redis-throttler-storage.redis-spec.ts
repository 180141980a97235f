import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimitUnavailableError, RedisThrottlerStorage } from '../../src/common/guards/redis-throttler-storage';
import { CuttableRedisProxy, deleteKeys, eventually, REDIS_URL, uniquePrefix } from './redis-test-utils';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(RedisThrottlerStorage.name, () => {
  const prefix = uniquePrefix();
  const clients: Redis[] = [];

  function storage(url = REDIS_URL): RedisThrottlerStorage & { redis: Redis } {
    const client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 500,
    });
    client.on('error', () => undefined);
    clients.push(client);
    return Object.assign(new RedisThrottlerStorage(client, prefix, { failClosed: ['auth', 'account'] }), {
      redis: client,
    });
  }

  /** Until the connection is up the storage would (rightly) use its in-process fallback. */
  async function ready(s: { redis: Redis }): Promise<void> {
    await eventually(async () => (s.redis.status === 'ready' ? true : undefined));
  }

  beforeAll(() => Logger.overrideLogger(false));

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await deleteKeys(prefix);
  });

  it('should count many concurrent hits from two instances exactly once each', async () => {
    const [a, b] = [storage(), storage()];
    await Promise.all([ready(a), ready(b)]);
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).increment('concurrent', 60_000, 10_000, 60_000, 'default')),
    );
    expect(results.map((r) => r.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    expect(results.every((r) => !r.isBlocked)).toBe(true);
  });

  it('should let exactly `limit` of many concurrent hits through and block the rest with the block time', async () => {
    const [a, b] = [storage(), storage()];
    await Promise.all([ready(a), ready(b)]);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).increment('limited', 60_000, 7, 30_000, 'auth')),
    );
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(7);
    const blocked = results.filter((r) => r.isBlocked);
    expect(blocked).toHaveLength(53);
    for (const r of blocked) {
      expect(r.timeToBlockExpire).toBeGreaterThan(25);
      expect(r.timeToBlockExpire).toBeLessThanOrEqual(30);
    }
  });

  it('should give the remaining window time and start a new window when it expires', async () => {
    const s = storage();
    await ready(s);
    const first = await s.increment('window', 60_000, 5, 60_000, 'default');
    expect(first).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    expect((await s.increment('short-window', 300, 5, 300, 'default')).totalHits).toBe(1);
    expect((await s.increment('short-window', 300, 5, 300, 'default')).totalHits).toBe(2);
    await sleep(400);
    expect((await s.increment('short-window', 300, 5, 300, 'default')).totalHits).toBe(1);
  });

  it('should end a block after its duration and count afresh', async () => {
    const s = storage();
    await ready(s);
    for (let i = 0; i < 2; i++) expect((await s.increment('block', 10_000, 2, 400, 'account')).isBlocked).toBe(false);
    expect((await s.increment('block', 10_000, 2, 400, 'account')).isBlocked).toBe(true);
    expect((await s.increment('block', 10_000, 2, 400, 'account')).isBlocked).toBe(true);
    await sleep(500);
    expect(await s.increment('block', 10_000, 2, 400, 'account')).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('should keep the counters of different throttlers and keys apart', async () => {
    const s = storage();
    await ready(s);
    await s.increment('apart', 60_000, 10, 60_000, 'default');
    expect((await s.increment('apart', 60_000, 10, 60_000, 'auth')).totalHits).toBe(1);
    expect((await s.increment('apart-2', 60_000, 10, 60_000, 'default')).totalHits).toBe(1);
  });

  it('should refuse sign-in throttlers, count other throttlers in process while Redis is unreachable, and recover by itself', async () => {
    const proxy = new CuttableRedisProxy();
    await proxy.start();
    const s = storage(proxy.url);
    await ready(s);
    expect((await s.increment('outage', 60_000, 100, 60_000, 'default')).totalHits).toBe(1);

    await proxy.cut();
    await expect(s.increment('outage', 60_000, 100, 60_000, 'auth')).rejects.toBeInstanceOf(RateLimitUnavailableError);
    await expect(s.increment('outage', 60_000, 100, 60_000, 'account')).rejects.toMatchObject({
      status: 503,
      code: 'RATE_LIMIT_UNAVAILABLE',
    });
    const local = await s.increment('outage', 60_000, 2, 60_000, 'default');
    expect(local).toMatchObject({ totalHits: 1, isBlocked: false });
    await s.increment('outage', 60_000, 2, 60_000, 'default');
    expect((await s.increment('outage', 60_000, 2, 60_000, 'default')).isBlocked).toBe(true);

    await proxy.start();
    const recovered = await eventually(async () => s.increment('outage', 60_000, 100, 60_000, 'auth'));
    expect(recovered.isBlocked).toBe(false);
    expect((await s.increment('outage', 60_000, 100, 60_000, 'default')).totalHits).toBe(2);
    await proxy.cut();
  });
});
