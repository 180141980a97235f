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
    super('This invitation link is not valid any more (used, replaced or expired). Ask your programme admin for a new one.');
  }
}
