import { computed, inject, Injectable, signal } from '@angular/core';
import { Api } from '@app/core/api/api';
import { notificationsList } from '@app/core/api/fn/me/notifications-list';
import { notificationsMarkRead } from '@app/core/api/fn/me/notifications-mark-read';
import type { NotificationDto } from '@app/core/api/models/notification-dto';
import { EventStream } from '@app/core/events/event-stream';

export const NOTIFICATIONS_SHOWN = 15;

/** The signed-in user's notifications, kept up to date by the tab's event stream. */
@Injectable({ providedIn: 'root' })
export class NotificationStore {
  private readonly api = inject(Api);
  private readonly stream = inject(EventStream);

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

  private stopListening: (() => void) | null = null;

  /** Loads the recent notifications and starts listening. */
  start(): void {
    if (this.stopListening) return;
    void this.load();
    this.stopListening = this.stream.listen(['notification'], (event) => this.handle(event));
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
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

  private handle(event: MessageEvent<string>): void {
    try {
      this.receive(JSON.parse(event.data) as NotificationDto);
    } catch {
      // Not a notification this portal understands.
    }
  }
}
