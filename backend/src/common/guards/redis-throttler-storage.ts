import { HttpStatus, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { DomainError } from '../errors/domain-error';
import { MemoryThrottlerStorage } from './memory-throttler-storage';

/**
 * One round trip, atomic on the Redis server: count the hit in a fixed window (the first hit sets
 * its expiry), start a block when the limit is passed, and answer what ThrottlerStorageRecord needs.
 * KEYS: hit counter, block marker. ARGV: window ms, limit, block ms.
 * Returns: hits, ms until the window ends, blocked (0/1), ms until the block ends.
 *
 * Kept instead of @nest-lab/throttler-storage-redis 1.2, whose script keeps the hit counter through a
 * block, so a block shorter than the window is renewed on the first hit after it ends (instead of
 * counting afresh), and which fails with `SET ... PX 0` when a throttler has no block duration.
 */
export const THROTTLE_SCRIPT = `
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local block = tonumber(ARGV[3])
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {limit + 1, blockLeft, 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ttl)
  left = ttl
end
if hits > limit then
  if block > 0 then
    redis.call('SET', KEYS[2], '1', 'PX', block)
    redis.call('DEL', KEYS[1])
    return {hits, left, 1, block}
  end
  return {hits, left, 1, left}
end
return {hits, left, 0, 0}
`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type ThrottleReply = [number, number, number, number];
type ThrottleClient = Redis & {
  peerpalsThrottle(hitKey: string, blockKey: string, ttl: number, limit: number, block: number): Promise<ThrottleReply>;
};

export class RateLimitUnavailableError extends DomainError {
  readonly code = 'RATE_LIMIT_UNAVAILABLE';
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  override readonly headers = { 'Retry-After': '5' };

  constructor() {
    super('Signing in is briefly unavailable. Please try again in a moment.');
  }
}

export interface RedisThrottlerStorageOptions {
  /** Throttlers that refuse requests while Redis is unreachable instead of counting in this process. */
  failClosed: readonly string[];
}

/**
 * Rate-limit counters shared by every API instance. While Redis is unreachable, the sign-in
 * throttlers fail closed (503 RATE_LIMIT_UNAVAILABLE: an attacker must not get unlimited guesses by
 * knocking Redis over) and the others count in this process; both recover when Redis answers again.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimits');
  private readonly client: ThrottleClient;
  private readonly fallback = new MemoryThrottlerStorage();
  private readonly failClosed: ReadonlySet<string>;
  private degraded = false;

  constructor(
    client: Redis,
    private readonly prefix: string,
    options: RedisThrottlerStorageOptions,
  ) {
    client.defineCommand('peerpalsThrottle', { numberOfKeys: 2, lua: THROTTLE_SCRIPT });
    this.client = client as ThrottleClient;
    this.failClosed = new Set(options.failClosed);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let reply: ThrottleReply;
    try {
      // The hash tag keeps both keys in one slot on Redis Cluster.
      const base = `${this.prefix}throttle:{${throttlerName}:${key}}`;
      reply = await this.client.peerpalsThrottle(
        `${base}:hits`,
        `${base}:block`,
        Math.max(1, Math.round(ttl)),
        limit,
        Math.max(0, Math.round(blockDuration)),
      );
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.error(
          { err: error },
          'Redis is unreachable: sign-in routes are refused, other limits count per instance until it is back',
        );
      }
      if (this.failClosed.has(throttlerName)) throw new RateLimitUnavailableError();
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
    if (this.degraded) {
      this.degraded = false;
      this.logger.log('Redis is reachable again: rate limits are shared across instances');
    }
    const [totalHits, windowMs, blocked, blockMs] = reply.map(Number);
    return {
      totalHits,
      timeToExpire: Math.ceil(windowMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: blocked === 1 ? Math.max(1, Math.ceil(blockMs / 1000)) : 0,
    };
  }

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }
}
