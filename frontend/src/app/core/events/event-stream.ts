import { inject, Injectable, InjectionToken, signal } from '@angular/core';
import { Api } from '@app/core/api/api';
import { eventsTicket } from '@app/core/api/fn/events/events-ticket';

/** Opens the server-sent event stream; replaced in tests. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSource>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url),
});

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';
export type StreamListener = (event: MessageEvent<string>) => void;

const EVENTS_URL = '/api/v1/events';
const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;
const FAILURES_BEFORE_OFFLINE = 3;

/**
 * The server ends a stream with `stream.closed` (reason `revoked`, `too-many-streams` or `shutdown`).
 * Too many open streams means other tabs hold them: wait long before taking one back, or the tabs
 * would take turns closing each other's streams every second.
 */
export function closedForTooManyStreams(event: MessageEvent<string>): boolean {
  try {
    return (JSON.parse(event.data) as { reason?: string })?.reason === 'too-many-streams';
  } catch {
    return false;
  }
}

/**
 * The tab's one connection to the server's event stream, shared by every screen that listens (the
 * server allows a user only a few streams). It opens with the first listener and closes when the last
 * one leaves. Stream tickets are single-use, so a broken stream is closed and reopened with a fresh
 * ticket, resuming after the last event seen.
 */
@Injectable({ providedIn: 'root' })
export class EventStream {
  private readonly api = inject(Api);
  private readonly openEventSource = inject(EVENT_SOURCE_FACTORY);

  private readonly state = signal<StreamStatus>('connecting');
  readonly status = this.state.asReadonly();

  private readonly listeners = new Map<string, Set<StreamListener>>();
  private source: EventSource | null = null;
  /** The event types the open source dispatches. */
  private attached = new Set<string>();
  private lastEventId: string | null = null;
  private retryDelay = RETRY_FIRST_MS;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped on close, so a ticket asked for before it cannot open a stream after it. */
  private generation = 0;

  /** Calls `listener` with every event of the given types until the returned function is called. */
  listen(types: readonly string[], listener: StreamListener): () => void {
    const wasIdle = this.listeners.size === 0;
    for (const type of types) {
      const listeners = this.listeners.get(type) ?? new Set<StreamListener>();
      listeners.add(listener);
      this.listeners.set(type, listeners);
      if (this.source) this.attach(this.source, type);
    }
    if (wasIdle) void this.connect();
    let listening = true;
    return () => {
      if (!listening) return;
      listening = false;
      for (const type of types) {
        const listeners = this.listeners.get(type);
        listeners?.delete(listener);
        if (listeners?.size === 0) this.listeners.delete(type);
      }
      if (this.listeners.size === 0) this.close();
    };
  }

  private get running(): boolean {
    return this.listeners.size > 0;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const generation = this.generation;
    let ticket: string;
    try {
      ticket = (await this.api.invoke(eventsTicket)).ticket;
    } catch {
      if (generation === this.generation) this.fail();
      return;
    }
    if (!this.running || generation !== this.generation) return;
    const params = new URLSearchParams({ ticket });
    if (this.lastEventId) params.set('lastEventId', this.lastEventId);
    const source = this.openEventSource(`${EVENTS_URL}?${params}`);
    this.source = source;
    this.attached = new Set();
    source.onopen = () => {
      this.retryDelay = RETRY_FIRST_MS;
      this.failures = 0;
      this.state.set('live');
    };
    for (const type of this.listeners.keys()) this.attach(source, type);
    source.addEventListener('stream.closed', (event) => {
      if (closedForTooManyStreams(event as MessageEvent<string>)) this.retryDelay = RETRY_MAX_MS;
    });
    // The browser would retry with the same, already used ticket: reconnect with a new one instead.
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = null;
      this.fail();
    };
  }

  private attach(source: EventSource, type: string): void {
    if (this.attached.has(type)) return;
    this.attached.add(type);
    source.addEventListener(type, (event) => this.dispatch(type, event as MessageEvent<string>));
  }

  private dispatch(type: string, event: MessageEvent<string>): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    // An event proves the stream works, even if `open` was missed.
    this.state.set('live');
    for (const listener of this.listeners.get(type) ?? []) listener(event);
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

  private close(): void {
    this.generation += 1;
    this.source?.close();
    this.source = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.lastEventId = null;
    this.retryDelay = RETRY_FIRST_MS;
    this.failures = 0;
    this.state.set('connecting');
  }
}
