import { Global, Module } from '@nestjs/common';
import { AccountRevocations } from './account-revocations';
import { DomainEventBus } from './domain-event';
import { InProcessEventBus } from './in-process-event-bus';

@Global()
@Module({
  providers: [{ provide: DomainEventBus, useClass: InProcessEventBus }, AccountRevocations],
  exports: [DomainEventBus, AccountRevocations],
})
export class DomainEventsModule {}
