import { Global, Module } from '@nestjs/common';
import { DomainEventBus } from './domain-event';
import { InProcessEventBus } from './in-process-event-bus';

@Global()
@Module({
  providers: [{ provide: DomainEventBus, useClass: InProcessEventBus }],
  exports: [DomainEventBus],
})
export class DomainEventsModule {}
