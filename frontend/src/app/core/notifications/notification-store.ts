import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { Api } from '@app/core/api/api';
import { eventsTicket } from '@app/core/api/fn/events/events-ticket';
import { notificationsList } from '@app/core/api/fn/me/notifications-list';
import { notificationsMarkRead } from '@app/core/api/fn/me/notifications-mark-read';
import type { NotificationDto } from '@app/core/api/models/notification-dto';

/** Opens the server-sent event stream; replaced in tests. */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => EventSource>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url),
});

export const NOTIFICATIONS_SHOWN = 15;
const EVENTS_URL = '/api/v1/events';
const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

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
 * The signed-in user's notifications and their live stream. Stream tickets are single-use, so a
 * broken stream is closed and reopened with a fresh ticket, resuming after the last event seen.
 */
@Injectable({ providedIn: 'root' })
export class NotificationStore {
  private readonly api = inject(Api);
  private readonly openEventSource = inject(EVENT_SOURCE_FACTORY);

  private readonly list = signal<NotificationDto[]>([]);
  private readonly unread = signal(0);
  private readonly state = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  private readonly arrival = signal<NotificationDto | null>(null);

  readonly items = this.list.asReadonly();
  readonly unreadCount = this.unread.asReadonly();
  readonly loading = computed(() => this.state() === 'loading');
  readonly failed = computed(() => this.state() === 'error');
  /** The latest notification pushed live, for screens that refresh when something changes. */
  readonly lastArrival = this.arrival.asReadonly();

  private source: EventSource | null = null;
  private lastEventId: string | null = null;
  private retryDelay = RETRY_FIRST_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private running = false;

  /** Loads the recent notifications and starts listening. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.load();
    void this.connect();
  }

  stop(): void {
    this.running = false;
    this.closeStream();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.lastEventId = null;
    this.retryDelay = RETRY_FIRST_MS;
    this.list.set([]);
    this.unread.set(0);
    this.arrival.set(null);
    this.state.set('idle');
  }

  async load(): Promise<void> {
    this.state.set('loading');
    try {
      const page = await this.api.invoke(notificationsList, { limit: NOTIFICATIONS_SHOWN });
      // Keep anything that arrived live while the page was loading.
      const known = new Set(page.items.map((n) => n.id));
      const newer = this.list().filter((n) => !known.has(n.id));
      this.list.set([...newer, ...page.items].slice(0, NOTIFICATIONS_SHOWN));
      this.unread.set(page.unreadCount + newer.filter((n) => !n.read).length);
      this.state.set('ready');
    } catch {
      this.state.set('error');
    }
  }

  /** A notification pushed by the server. */
  receive(notification: NotificationDto): void {
    if (this.list().some((n) => n.id === notification.id)) return;
    this.list.update((items) => [notification, ...items].slice(0, NOTIFICATIONS_SHOWN));
    if (!notification.read) this.unread.update((count) => count + 1);
    this.arrival.set(notification);
  }

  async markRead(notification: NotificationDto): Promise<void> {
    if (notification.read) return;
    this.list.update((items) => items.map((n) => (n.id === notification.id ? { ...n, read: true } : n)));
    this.unread.update((count) => Math.max(0, count - 1));
    try {
      const { unreadCount } = await this.api.invoke(notificationsMarkRead, { body: { ids: [notification.id] } });
      this.unread.set(unreadCount);
    } catch {
      // Still unread on the server: shown as unread again next time the list loads.
    }
  }

  async markAllRead(): Promise<void> {
    const { unreadCount } = await this.api.invoke(notificationsMarkRead, { body: { all: true } });
    this.list.update((items) => items.map((n) => (n.read ? n : { ...n, read: true })));
    this.unread.set(unreadCount);
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    let ticket: string;
    try {
      ticket = (await this.api.invoke(eventsTicket)).ticket;
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (!this.running) return;
    const params = new URLSearchParams({ ticket });
    if (this.lastEventId) params.set('lastEventId', this.lastEventId);
    const source = this.openEventSource(`${EVENTS_URL}?${params}`);
    this.source = source;
    source.onopen = () => (this.retryDelay = RETRY_FIRST_MS);
    source.addEventListener('notification', (event) => this.handle(event as MessageEvent<string>));
    source.addEventListener('stream.closed', (event) => {
      if (closedForTooManyStreams(event as MessageEvent<string>)) this.retryDelay = RETRY_MAX_MS;
    });
    // The browser would retry with the same, already used ticket: reconnect with a new one instead.
    source.onerror = () => {
      if (this.source !== source) return;
      this.closeStream();
      this.scheduleReconnect();
    };
  }

  private handle(event: MessageEvent<string>): void {
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    try {
      this.receive(JSON.parse(event.data) as NotificationDto);
    } catch {
      // Not a notification this portal understands.
    }
  }

  private scheduleReconnect(): void {
    if (!this.running || this.retryTimer) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private closeStream(): void {
    this.source?.close();
    this.source = null;
  }
}
