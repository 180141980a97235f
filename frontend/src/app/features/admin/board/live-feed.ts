import { DestroyRef, inject, Injectable } from '@angular/core';
import { EventStream } from '@app/core/events/event-stream';

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

/** The admin's request and session changes, read from the tab's event stream. */
@Injectable()
export class LiveFeed {
  private readonly stream = inject(EventStream);

  /** The state of the tab's stream, for the connection indicator. */
  readonly status = this.stream.status;

  private stopListening: (() => void) | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  start(handler: (event: OversightEvent) => void): void {
    if (this.stopListening) return;
    this.stopListening = this.stream.listen(OVERSIGHT_EVENTS, (event) => this.receive(event, handler));
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  private receive(event: MessageEvent<string>, handler: (event: OversightEvent) => void): void {
    try {
      const data = JSON.parse(event.data) as OversightEvent;
      if (data?.subject?.id && data.state) handler(data);
    } catch {
      // Not an event this screen understands.
    }
  }
}
