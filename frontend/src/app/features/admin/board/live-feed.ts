import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Api } from '@app/core/api/api';
import { eventsTicket } from '@app/core/api/fn/events/events-ticket';
import {
  closedForTooManyStreams,
  EVENT_SOURCE_FACTORY,
  RETRY_MAX_MS,
} from '@app/core/notifications/notification-store';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface OversightEvent {
  type: string;
  at: string;
  actorId: string | null;
  subject: { type: 'request' | 'session'; id: string };
  state: Record<string, unknown> & { id: string; status: string; mentorId: string; studentId: string };
}

export const OVERSIGHT_EVENTS = [
  'request.created',
  'request.accepted',
  'request.declined',
  'request.withdrawn',
  'request.expired',
  'session.scheduled',
  'session.moved',
  'session.updated',
  'session.cancelled',
  'session.completed',
  'session.no_show',
] as const;

const EVENTS_URL = '/api/v1/events';
const RETRY_FIRST_MS = 1_000;
const FAILURES_BEFORE_OFFLINE = 3;

/**
 * The admin's stream of request and session changes. Tickets are single-use, so a broken stream is
 * reopened with a fresh ticket and `lastEventId`, and the server replays what was missed.
 */
@Injectable()
export class LiveFeed {
  private readonly api = inject(Api);
  private readonly openEventSource = inject(EVENT_SOURCE_FACTORY);

  private readonly state = signal<LiveStatus>('connecting');
  readonly status = this.state.asReadonly();

  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private retryDelay = RETRY_FIRST_MS;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private handler: (event: OversightEvent) => void = () => undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(handler: (event: OversightEvent) => void): void {
    if (this.running) return;
    this.handler = handler;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.source?.close();
    this.source = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    let ticket: string;
    try {
      ticket = (await this.api.invoke(eventsTicket)).ticket;
    } catch {
      this.fail();
      return;
    }
    if (!this.running) return;
    const params = new URLSearchParams({ ticket });
    if (this.lastEventId) params.set('lastEventId', this.lastEventId);
    const source = this.openEventSource(`${EVENTS_URL}?${params}`);
    this.source = source;
    source.onopen = () => {
      this.retryDelay = RETRY_FIRST_MS;
      this.failures = 0;
      this.state.set('live');
    };
    for (const type of OVERSIGHT_EVENTS)
      source.addEventListener(type, (event) => this.receive(event as MessageEvent<string>));
    source.addEventListener('stream.closed', (event) => {
      if (closedForTooManyStreams(event as MessageEvent<string>)) this.retryDelay = RETRY_MAX_MS;
    });
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = null;
      this.fail();
    };
  }

  private receive(event: MessageEvent<string>): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    // An event proves the stream works, even if `open` was missed.
    this.state.set('live');
    try {
      const data = JSON.parse(event.data) as OversightEvent;
      if (data?.subject?.id && data.state) this.handler(data);
    } catch {
      // Not an event this screen understands.
    }
  }

  private fail(): void {
    this.failures += 1;
    this.state.set(this.failures >= FAILURES_BEFORE_OFFLINE ? 'offline' : 'reconnecting');
    if (!this.running || this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
