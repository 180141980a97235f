import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { EventLogEntity } from './event-log.entity';
import { EventRelay } from './event-relay';
import { EventStream } from './event-stream';
import { EventsMaintenanceJob } from './events-maintenance.job';
import { EventsController } from './events.controller';
import { LiveStreams } from './live-streams';
import { SseStreamService } from './sse-stream.service';
import { StreamAuthGuard } from './stream-auth.guard';
import { StreamTicketEntity } from './stream-ticket.entity';
import { StreamTicketsService } from './stream-tickets.service';

@Module({
  imports: [TypeOrmModule.forFeature([EventLogEntity, StreamTicketEntity]), UsersModule],
  controllers: [EventsController],
  providers: [
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
