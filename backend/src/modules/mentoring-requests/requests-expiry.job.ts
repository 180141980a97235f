import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { MentoringRequestsService } from './mentoring-requests.service';

/** Runs on every instance; the conditional UPDATE per request makes concurrent runs harmless. */
@Injectable()
export class RequestsExpiryJob {
  private readonly logger = new Logger('RequestsExpiryJob');
  private running = false;

  constructor(private readonly requests: MentoringRequestsService) {}

  @Interval(60_000)
  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.requests.expireDue();
    } catch (error) {
      this.logger.error({ err: error }, 'Expiring requests failed');
    } finally {
      this.running = false;
    }
  }
}
