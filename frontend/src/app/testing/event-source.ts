import type { NotificationDto } from '@app/core/api/models/notification-dto';

/** Stands in for the browser's EventSource. */
export class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  push(type: string, data: unknown, lastEventId: string): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data), lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  fail(): void {
    this.onerror?.();
  }
}

export function aNotification(overrides: Partial<NotificationDto> = {}): NotificationDto {
  return {
    id: 'n1',
    type: 'session.scheduled',
    title: 'Session with Dr. Amara Okafor scheduled',
    body: 'Thu 3 Dec 2026, 10:00',
    link: '/student/sessions/x1',
    read: false,
    createdAt: '2026-11-27T12:00:00.000Z',
    ...overrides,
  };
}
