import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DomainEventBus } from '../../common/events/domain-event';
import { sessionEvent } from '../sessions/session.mapper';
import { SessionsService } from '../sessions/sessions.service';

const AHEAD_MS = 24 * 3_600_000;

/**
 * Sends each session's 24-hour reminder once, however many instances run this job and however
 * often they restart: the claim is a conditional UPDATE in the database.
 */
@Injectable()
export class RemindersJob {
  private readonly logger = new Logger('RemindersJob');
  private running = false;

  constructor(
    private readonly sessions: SessionsService,
    private readonly bus: DomainEventBus,
  ) {}

  @Interval(60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.run();
    } catch (error) {
      this.logger.error({ err: error }, 'Sending reminders failed');
    } finally {
      this.running = false;
    }
  }

  async run(now = new Date()): Promise<number> {
    const due = await this.sessions.dueForReminder(now, new Date(now.getTime() + AHEAD_MS), 500);
    let sent = 0;
    for (const session of due) {
      if (await this.sessions.claimReminder(session.id, now)) {
        sent++;
        this.bus.publish(sessionEvent('reminder', session, null));
      }
    }
    return sent;
  }
}
