import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

/**
 * 401 in the sign-in steps (no session yet, like INVALID_CREDENTIALS); 400 for a signed-in admin,
 * whose session is still valid — a 401 there would read as "signed out".
 */
export class MfaCodeInvalidError extends DomainError {
  readonly code = 'MFA_CODE_INVALID';
  constructor(readonly status: HttpStatus.UNAUTHORIZED | HttpStatus.BAD_REQUEST) {
    super(
      'The code is not right, or it has been used already. Enter the current code from your authenticator app, or an unused recovery code.',
    );
  }
}

export class MfaChallengeInvalidError extends DomainError {
  readonly code = 'MFA_CHALLENGE_INVALID';
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('This sign-in step has expired or was already used. Sign in with your password again.');
  }
}

export class MfaLockedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(until: Date, now = new Date()) {
    super('Too many wrong codes. Wait a few minutes before trying again.', { retryAt: until.toISOString() });
    this.headers['Retry-After'] = String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));
  }
}

export class MfaAlreadyEnabledError extends DomainError {
  readonly code = 'MFA_ALREADY_ENABLED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('Two-step sign-in is already on for this account. Turn it off first to enrol another device.');
  }
}

export class MfaNotEnabledError extends DomainError {
  readonly code = 'MFA_NOT_ENABLED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('Two-step sign-in is not on for this account.');
  }
}

export class MfaEnrolmentNotStartedError extends DomainError {
  readonly code = 'MFA_ENROLMENT_NOT_STARTED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('Start the enrolment first: scan the new QR code, then confirm with a code from it.');
  }
}
