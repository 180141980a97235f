import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent, DomainEventBus, DomainEventHandler } from './domain-event';
import { afterCommit } from '../../database/transactions';

@Injectable()
export class InProcessEventBus extends DomainEventBus {
  private readonly handlers = new Set<DomainEventHandler>();
  private readonly running = new Set<Promise<void>>();
  private readonly logger = new Logger('Events');

  /** Inside a transaction the events wait for its commit (and are dropped if it rolls back). */
  publish(events: DomainEvent | DomainEvent[]): void {
    afterCommit(() => this.deliver(events));
  }

  private deliver(events: DomainEvent | DomainEvent[]): void {
    for (const event of Array.isArray(events) ? events : [events]) {
      for (const handler of this.handlers) {
        // A failing subscriber never fails the request that caused the event.
        const run = Promise.resolve()
          .then(() => handler(event))
          .catch((error: unknown) => this.logger.error({ err: error, type: event.type }, 'Event handler failed'))
          .finally(() => this.running.delete(run));
        this.running.add(run);
      }
    }
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  subscribe(handler: DomainEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
