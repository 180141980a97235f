import { Injectable } from '@nestjs/common';
import { EventChannel } from './event-log.entity';
import { EventsRepository } from './events.repository';

export interface StreamEntry {
  channel: EventChannel;
  userId: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface StreamEvent {
  id: number;
  channel: EventChannel;
  userId: string | null;
  type: string;
  /** Pre-serialised JSON: serialised once, written to every subscriber as is. */
  payload: string;
}

export type StreamListener = (event: StreamEvent) => void;
export type AppendListener = (events: StreamEvent[]) => void;

const REPLAY_LIMIT = 1000;

/**
 * The persisted stream behind `GET /events`: every entry is stored first (so a reconnecting client
 * can resume after its Last-Event-ID), then handed to live listeners on this instance.
 */
@Injectable()
export class EventStream {
  private readonly listeners = new Set<StreamListener>();
  private readonly appendListeners = new Set<AppendListener>();

  constructor(private readonly repository: EventsRepository) {}

  async append(entries: StreamEntry[]): Promise<StreamEvent[]> {
    const appended: StreamEvent[] = [];
    for (const entry of entries) {
      const payload = JSON.stringify(entry.data);
      const id = await this.repository.appendEntry({
        channel: entry.channel,
        userId: entry.userId,
        type: entry.type,
        payload,
        createdAt: new Date(),
      });
      appended.push({
        id,
        channel: entry.channel,
        userId: entry.userId,
        type: entry.type,
        payload,
      });
    }
    for (const event of appended) this.emit(event);
    for (const listener of this.appendListeners) listener(appended);
    return appended;
  }

  /** Entries appended on this instance (after they are stored), e.g. to relay them to other instances. */
  onAppended(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** Delivers an event to this instance's subscribers (also used by a shared bus relaying other instances' events). */
  emit(event: StreamEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** What a viewer missed after `afterId`: their own entries, and the admin channel for admins. */
  async replay(viewer: { id: string; isAdmin: boolean }, afterId: number): Promise<StreamEvent[]> {
    const rows = await this.repository.entriesAfter(afterId, viewer.id, viewer.isAdmin, REPLAY_LIMIT);
    return rows.map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      userId: r.userId,
      type: r.type,
      payload: r.payload,
    }));
  }

  async prune(olderThan: Date): Promise<void> {
    await this.repository.pruneEntries(olderThan);
  }
}
