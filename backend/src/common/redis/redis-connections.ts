import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';

/**
 * The Redis connections of this instance (`REDIS_URL`), one per purpose: a subscriber connection
 * cannot send ordinary commands, and rate limiting wants its own short timeouts. Every key and
 * channel starts with `REDIS_KEY_PREFIX`. ioredis reconnects by itself after an outage.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly open: Redis[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return Boolean(this.config.redisUrl);
  }

  get prefix(): string {
    return this.config.redisKeyPrefix;
  }

  /** A new connection; `name` appears in the log when it goes down or comes back. */
  create(name: string, options: RedisOptions = {}): Redis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.config.redisUrl, {
      connectionName: `peerpals-${name}`,
      connectTimeout: 2000,
      ...options,
    });
    let down = false;
    client.on('error', (error: Error) => {
      if (down) return;
      down = true;
      this.logger.warn({ connection: name, err: error.message }, 'Redis connection lost; retrying');
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      this.logger.log({ connection: name }, 'Redis connection restored');
    });
    this.open.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for a connection that may never come back; a client that is not up just stops retrying.
    await Promise.all(
      this.open.splice(0).map(async (client) => {
        if (client.status !== 'ready') return client.disconnect();
        await Promise.race([client.quit(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]).catch(
          () => undefined,
        );
        client.disconnect();
      }),
    );
  }
}
