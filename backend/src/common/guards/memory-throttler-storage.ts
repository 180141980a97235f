import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  /** When the counting window ends (ms since the epoch). */
  endsAt: number;
  /** While blocked, when the block ends; 0 otherwise. */
  blockedUntil: number;
}

const SWEEP_EVERY_MS = 60_000;

/**
 * Rate-limit counters in this process: a fixed window per key, the same rule as the Redis script
 * (`THROTTLE_SCRIPT`), so one instance behaves the same with or without Redis. Constant work per
 * hit — the library's default storage keeps every hit's timestamp and filters them all on each
 * request, which grows with the limit.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private sweeper?: NodeJS.Timeout;

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const id = `${throttlerName}:${key}`;
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();
    let window = this.windows.get(id);
    if (window && window.blockedUntil > now) {
      const left = window.blockedUntil - now;
      return { totalHits: limit + 1, timeToExpire: seconds(left), isBlocked: true, timeToBlockExpire: seconds(left) };
    }
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    window.hits++;
    const left = window.endsAt - now;
    if (window.hits <= limit)
      return { totalHits: window.hits, timeToExpire: seconds(left), isBlocked: false, timeToBlockExpire: 0 };
    if (blockDuration > 0) {
      // Blocked for blockDuration; counting starts afresh when the block ends.
      const hits = window.hits;
      window.blockedUntil = now + blockDuration;
      window.endsAt = window.blockedUntil;
      window.hits = 0;
      return {
        totalHits: hits,
        timeToExpire: seconds(left),
        isBlocked: true,
        timeToBlockExpire: seconds(blockDuration),
      };
    }
    return { totalHits: window.hits, timeToExpire: seconds(left), isBlocked: true, timeToBlockExpire: seconds(left) };
  }

  /** Windows and blocks that have ended. */
  private sweep(now = Date.now()): void {
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
  }

  get size(): number {
    return this.windows.size;
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
