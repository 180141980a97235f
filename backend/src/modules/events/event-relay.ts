import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { RedisConnections } from '../../common/redis/redis-connections';
import { EventStream, StreamEvent } from './event-stream';

interface RelayMessage {
  /** The instance that stored the event (it has delivered it to its own subscribers already). */
  origin: string;
  event: StreamEvent;
}

function isStreamEvent(value: unknown): value is StreamEvent {
  const e = value as Partial<StreamEvent> | null;
  return (
    typeof e === 'object' && e !== null && Number.isSafeInteger(e.id) && (e.channel === 'user' || e.channel === 'admin') &&
    (e.userId === null || typeof e.userId === 'string') && typeof e.type === 'string' && typeof e.payload === 'string'
  );
}

/**
 * With `REDIS_URL`, every event stored on one instance reaches the live streams of all instances:
 * the stored event (with its id, so Last-Event-ID keeps working) is published on a Redis channel,
 * and each other instance hands it to its own subscribers. Replay still reads the event log.
 */
@Injectable()
export class EventRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('EventRelay');
  private readonly origin = randomUUID();
  private publisher?: Redis;
  private subscriber?: Redis;
  private stopListening?: () => void;
  private subscribed: Promise<unknown> = Promise.resolve();
  private publishFailing = false;

  constructor(
    private readonly stream: EventStream,
    private readonly redis: RedisConnections,
  ) {}

  get channel(): string {
    return `${this.redis.prefix}events`;
  }

  onModuleInit(): void {
    if (!this.redis.configured) return;
    this.publisher = this.redis.create('events-publish', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // A subscriber connection can only listen; ioredis subscribes again after a reconnect.
    this.subscriber = this.redis.create('events-subscribe');
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.receive(message);
    });
    this.subscribed = this.subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.error({ err: error }, 'Subscribing to the event channel failed'));
    this.stopListening = this.stream.onAppended((events) => this.publish(events));
  }

  /** Resolves once this instance listens to the other instances' events. */
  whenSubscribed(): Promise<unknown> {
    return this.subscribed;
  }

  private publish(events: StreamEvent[]): void {
    const publisher = this.publisher;
    if (!publisher) return;
    for (const event of events) {
      const message: RelayMessage = { origin: this.origin, event };
      publisher.publish(this.channel, JSON.stringify(message)).then(
        () => {
          if (this.publishFailing) this.logger.log('Relaying events to other instances again');
          this.publishFailing = false;
        },
        (error: unknown) => {
          if (!this.publishFailing) this.logger.error({ err: error }, 'Relaying an event to other instances failed; their clients catch up on reconnect');
          this.publishFailing = true;
        },
      );
    }
  }

  private receive(raw: string): void {
    let message: RelayMessage;
    try {
      message = JSON.parse(raw) as RelayMessage;
    } catch {
      return;
    }
    if (message?.origin === this.origin || !isStreamEvent(message?.event)) return;
    const { id, channel, userId, type, payload } = message.event;
    this.stream.emit({ id, channel, userId, type, payload });
  }

  onApplicationShutdown(): void {
    this.stopListening?.();
  }
}
