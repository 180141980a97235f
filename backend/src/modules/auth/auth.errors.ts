import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('The email or password is not right.');
  }
}

export class AccountInactiveError extends DomainError {
  readonly code = 'ACCOUNT_INACTIVE';
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('This account has been deactivated. Contact your programme admin.');
  }
}

export class SessionExpiredError extends DomainError {
  readonly code = 'SESSION_EXPIRED';
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('Your session has ended. Please sign in again.');
  }
}

export class InvitationInvalidError extends DomainError {
  readonly code = 'INVITATION_INVALID';
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super(
      'This invitation link is not valid any more (used, replaced or expired). Ask your programme admin for a new one.',
    );
  }
}

export class ResetTokenInvalidError extends DomainError {
  readonly code = 'RESET_TOKEN_INVALID';
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('This password reset link is not valid any more (used, replaced or expired). Ask for a new one.');
  }
}

export class PasswordResetNotAllowedError extends DomainError {
  readonly code = 'PASSWORD_RESET_NOT_ALLOWED';
  readonly status = HttpStatus.CONFLICT;
  constructor(reason: 'not_activated' | 'inactive') {
    super(
      reason === 'not_activated'
        ? 'This person has not set a password yet; re-send the invitation instead.'
        : 'This account is deactivated; reactivate it before sending a password reset.',
      { reason },
    );
  }
}

export class MailNotConfiguredError extends DomainError {
  readonly code = 'MAIL_NOT_CONFIGURED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This server cannot send e-mail (SMTP_URL is not set), so a reset link cannot reach the person.');
  }
}
