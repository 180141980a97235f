import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class UserNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('No such user.');
  }
}

export class EmailTakenError extends DomainError {
  readonly code = 'EMAIL_TAKEN';
  readonly status = HttpStatus.CONFLICT;
  constructor(email: string) {
    super(`An account with the email ${email} already exists.`, { email });
  }
}

export class OwnAccountChangeError extends DomainError {
  readonly code = 'OWN_ACCOUNT';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('You cannot change your own role or deactivate your own account; ask another admin.');
  }
}

export class RoleChangeBlockedError extends DomainError {
  readonly code = 'ROLE_CHANGE_BLOCKED';
  readonly status = HttpStatus.CONFLICT;
  constructor(assignments: number) {
    super(`This person has ${assignments} mentorship assignment(s); remove them before changing the role.`, {
      assignments,
    });
  }
}

export class InvitationNotAllowedError extends DomainError {
  readonly code = 'INVITATION_NOT_ALLOWED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super(
      'This person has already set a password, so no new invitation can be issued. Send them a password reset instead; it goes to their own address.',
    );
  }
}
