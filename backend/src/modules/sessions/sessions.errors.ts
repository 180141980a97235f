import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class SessionNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('No such session.');
  }
}

export interface Clash {
  party: 'mentor' | 'student';
  startsAt: string;
  endsAt: string;
  sessionId?: string;
}

export class ScheduleConflictError extends DomainError {
  readonly code = 'SCHEDULE_CONFLICT';
  readonly status = HttpStatus.CONFLICT;
  constructor(clash: Clash) {
    super(
      `${clash.party === 'mentor' ? 'The mentor' : 'The student'} already has a session from ${clash.startsAt} to ${clash.endsAt}.`,
      { conflict: clash },
    );
  }
}

export class SessionNotModifiableError extends DomainError {
  readonly code = 'SESSION_NOT_MODIFIABLE';
  readonly status = HttpStatus.CONFLICT;
  constructor(reason: string) {
    super(reason);
  }
}

export class SessionNotStartedError extends DomainError {
  readonly code = 'SESSION_NOT_STARTED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('The session has not started yet.');
  }
}
