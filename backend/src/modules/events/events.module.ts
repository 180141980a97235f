import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { EventRelay } from './event-relay';
import { EventStream } from './event-stream';
import { EventsMaintenanceJob } from './events-maintenance.job';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { LiveStreams } from './live-streams';
import { SseStreamService } from './sse-stream.service';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTicketsService } from './stream-tickets.service';

@Module({
  imports: [UsersModule],
  controllers: [EventsController],
  providers: [
    EventsRepository,
    EventStream,
    EventRelay,
    LiveStreams,
    SseStreamService,
    StreamTicketsService,
    StreamAuthGuard,
    EventsMaintenanceJob,
  ],
  exports: [EventStream],
})
export class EventsModule {}
