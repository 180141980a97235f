/** Something that happened in the programme, published after its transaction committed. */
export interface DomainEvent<T = Record<string, unknown>> {
  /** e.g. `request.created`, `session.cancelled`. */
  type: string;
  /** When it happened (ISO 8601). */
  at: string;
  actorId: string | null;
  /** The people the event concerns (they may be told about it). */
  audience: string[];
  subject: { type: 'request' | 'session' | 'thread' | 'user'; id: string };
  /** The new state of the subject, as admins see it. */
  data: T;
}

export type DomainEventHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * The bus behind notifications and live oversight. In-process by default; the interface lets a
 * shared implementation (Redis) fan events out across API instances.
 */
export abstract class DomainEventBus {
  abstract publish(events: DomainEvent | DomainEvent[]): void;
  abstract subscribe(handler: DomainEventHandler): () => void;
}
