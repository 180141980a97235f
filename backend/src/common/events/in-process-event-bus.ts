import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent, DomainEventBus, DomainEventHandler } from './domain-event';

@Injectable()
export class InProcessEventBus extends DomainEventBus {
  private readonly handlers = new Set<DomainEventHandler>();
  private readonly logger = new Logger('Events');

  publish(events: DomainEvent | DomainEvent[]): void {
    for (const event of Array.isArray(events) ? events : [events]) {
      for (const handler of this.handlers) {
        // A failing subscriber never fails the request that caused the event.
        Promise.resolve()
          .then(() => handler(event))
          .catch((error: unknown) => this.logger.error({ err: error, type: event.type }, 'Event handler failed'));
      }
    }
  }

  subscribe(handler: DomainEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
