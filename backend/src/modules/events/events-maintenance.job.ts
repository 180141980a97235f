import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { EventStream } from './event-stream';
import { StreamTicketsService } from './stream-tickets.service';

const RETENTION_MS = 7 * 86_400_000;

@Injectable()
export class EventsMaintenanceJob {
  private readonly logger = new Logger('EventsMaintenance');

  constructor(
    private readonly stream: EventStream,
    private readonly tickets: StreamTicketsService,
  ) {}

  /** Replay reaches back a week; older entries and spent tickets are removed (idempotent). */
  @Interval(3_600_000)
  async prune(): Promise<void> {
    try {
      await this.stream.prune(new Date(Date.now() - RETENTION_MS));
      await this.tickets.prune(new Date(Date.now() - 3_600_000));
    } catch (error) {
      this.logger.error({ err: error }, 'Pruning the event log failed');
    }
  }
}
