import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import type Redis from 'ioredis';
import { AccountRevocations } from '../../common/events/account-revocations';
import { RedisConnections } from '../../common/redis/redis-connections';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { EventStream, StreamEvent } from './event-stream';

/** What instances tell each other: a stored event for their live streams, or an account whose streams must end. */
type RelayMessage = { origin: string; sentAt: number } & ({ event: StreamEvent } | { revoked: string });

/** A signed message older (or further in the future) than this is a replay, or from a badly wrong clock. */
export const RELAY_MAX_AGE_MS = 60_000;
const DROP_LOG_INTERVAL_MS = 60_000;

function isStreamEvent(value: unknown): value is StreamEvent {
  const e = value as Partial<StreamEvent> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    Number.isSafeInteger(e.id) &&
    ((e.channel === 'user' && typeof e.userId === 'string') || (e.channel === 'admin' && e.userId === null)) &&
    typeof e.type === 'string' &&
    typeof e.payload === 'string'
  );
}

/** The relay's HMAC key: `EVENT_RELAY_SECRET`, or one derived from the JWT secret every instance shares. */
export function relayKey(config: Pick<AppConfig, 'eventRelaySecret' | 'jwtSecret'>): Buffer {
  if (config.eventRelaySecret) return Buffer.from(config.eventRelaySecret, 'utf8');
  return Buffer.from(hkdfSync('sha256', config.jwtSecret, 'peerpals', 'event-relay', 32));
}

/**
 * With `REDIS_URL`, every event stored on one instance reaches the live streams of all instances:
 * the stored event (with its id, so Last-Event-ID keeps working) is published on a Redis channel,
 * and each other instance hands it to its own subscribers. Replay still reads the event log.
 * Account revocations travel the same way, so an account's streams end on every instance.
 *
 * Whoever can write to Redis must not be able to inject events: each message is
 * `<HMAC-SHA256 over channel and body, base64url>.<JSON body>`, and anything else is dropped.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  private readonly origin = randomUUID();
  private readonly key: Buffer;
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly stopListening: (() => void)[] = [];
  private subscribed: Promise<unknown> = Promise.resolve();
  private publishFailing = false;
  private droppedTotal = 0;
  private droppedUnlogged = 0;
  private lastDropLog = 0;

  constructor(
    private readonly stream: EventStream,
    private readonly redis: RedisConnections,
    private readonly revocations: AccountRevocations,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = relayKey(config);
  }

  get channel(): string {
    return `${this.redis.prefix}events`;
  }

  /** Messages refused since start (no or a wrong signature, stale, malformed). */
  get dropped(): number {
    return this.droppedTotal;
  }

  onModuleInit(): void {
    if (!this.redis.configured) return;
    this.publisher = this.redis.create('events-publish', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // A subscriber connection can only listen; ioredis subscribes again after a reconnect.
    this.subscriber = this.redis.create('events-subscribe');
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscribed = this.subscriber
      .subscribe(this.channel)
      .catch((error: unknown) => this.logger.error({ err: error }, 'Subscribing to the event channel failed'));
    this.stopListening.push(
      this.stream.onAppended((events) => {
        for (const event of events) this.publish({ origin: this.origin, sentAt: Date.now(), event });
      }),
      this.revocations.onRevokedHere((userId) =>
        this.publish({ origin: this.origin, sentAt: Date.now(), revoked: userId }),
      ),
    );
  }

  /** Resolves once this instance listens to the other instances' events. */
  whenSubscribed(): Promise<unknown> {
    return this.subscribed;
  }

  /** The wire form of a message, signed for this deployment's channel. */
  private sign(message: RelayMessage): string {
    const body = JSON.stringify(message);
    return `${this.mac(body)}.${body}`;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(this.channel).update('\n').update(body).digest('base64url');
  }

  private publish(message: RelayMessage): void {
    const publisher = this.publisher;
    if (!publisher) return;
    publisher.publish(this.channel, this.sign(message)).then(
      () => {
        if (this.publishFailing) this.logger.log('Relaying events to other instances again');
        this.publishFailing = false;
      },
      (error: unknown) => {
        if (!this.publishFailing)
          this.logger.error(
            { err: error },
            'Relaying an event to other instances failed; their clients catch up on reconnect',
          );
        this.publishFailing = true;
      },
    );
  }

  private receive(raw: string): void {
    const message = this.verify(raw);
    if (!message) {
      this.drop();
      return;
    }
    if (message.origin === this.origin) return;
    if ('revoked' in message) {
      this.revocations.emit(message.revoked);
      return;
    }
    const { id, channel, userId, type, payload } = message.event;
    this.stream.emit({ id, channel, userId, type, payload });
  }

  private verify(raw: string): RelayMessage | null {
    const dot = raw.indexOf('.');
    if (dot <= 0) return null;
    const body = raw.slice(dot + 1);
    const given = Buffer.from(raw.slice(0, dot), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let message: Partial<{ origin: unknown; sentAt: unknown; event: unknown; revoked: unknown }>;
    try {
      message = JSON.parse(body) as typeof message;
    } catch {
      return null;
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      typeof message.origin !== 'string' ||
      typeof message.sentAt !== 'number'
    )
      return null;
    if (Math.abs(Date.now() - message.sentAt) > RELAY_MAX_AGE_MS) return null;
    if (typeof message.revoked === 'string')
      return { origin: message.origin, sentAt: message.sentAt, revoked: message.revoked };
    if (isStreamEvent(message.event)) return { origin: message.origin, sentAt: message.sentAt, event: message.event };
    return null;
  }

  /** Counted always, logged at most once a minute: a flood of forgeries must not flood the log too. */
  private drop(): void {
    this.droppedTotal += 1;
    this.droppedUnlogged += 1;
    const now = Date.now();
    if (now - this.lastDropLog < DROP_LOG_INTERVAL_MS) return;
    this.logger.warn(
      { dropped: this.droppedUnlogged, droppedTotal: this.droppedTotal },
      'Dropped relay messages without a valid signature (or stale or malformed); check EVENT_RELAY_SECRET/JWT_SECRET on every instance',
    );
    this.lastDropLog = now;
    this.droppedUnlogged = 0;
  }

  onApplicationShutdown(): void {
    for (const stop of this.stopListening.splice(0)) stop();
  }
}
