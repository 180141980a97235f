import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class RequestNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('No such request.');
  }
}

export class RequestAlreadyPendingError extends DomainError {
  readonly code = 'REQUEST_ALREADY_PENDING';
  readonly status = HttpStatus.CONFLICT;
  constructor(pending: { id: string; mentorId: string; mentorName: string; expiresAt: Date } | null) {
    super(
      pending
        ? `You already have a pending request to ${pending.mentorName}. You can send a new one once they answer, or after it expires on ${pending.expiresAt.toISOString()}.`
        : 'You already have a pending request.',
      pending
        ? {
            pendingRequest: {
              id: pending.id,
              mentorId: pending.mentorId,
              mentorName: pending.mentorName,
              expiresAt: pending.expiresAt.toISOString(),
            },
          }
        : {},
    );
  }
}

export class RequestNotPendingError extends DomainError {
  readonly code = 'REQUEST_NOT_PENDING';
  readonly status = HttpStatus.CONFLICT;
  constructor(status: string) {
    super(`This request is ${status} and can no longer be changed.`, { requestStatus: status });
  }
}
