import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class MonthlyQuotaExceededError extends DomainError {
  readonly code = 'MONTHLY_QUOTA_EXCEEDED';
  readonly status = HttpStatus.TOO_MANY_REQUESTS;

  constructor(month: string, limit: number, resetsAt: Date, now = new Date()) {
    super(`The monthly limit of ${limit} session(s) for ${month} is reached. It resets on ${resetsAt.toISOString()}.`, {
      month,
      limit,
      resetsAt: resetsAt.toISOString(),
    });
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)));
  }
}
