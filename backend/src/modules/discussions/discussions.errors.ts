import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class DiscussionNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('There is nothing at this address.');
  }
}

export class ThreadLockedError extends DomainError {
  readonly code = 'THREAD_LOCKED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This thread is locked by the moderators; no new replies can be added.');
  }
}

export class ThreadHiddenError extends DomainError {
  readonly code = 'THREAD_HIDDEN';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This thread is hidden by the moderators; nothing new can be added to it.');
  }
}

export class NotYourPostError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('You can only change your own posts.');
  }
}

export class PostDeletedError extends DomainError {
  readonly code = 'POST_DELETED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This post was deleted.');
  }
}

export class NotThreadAuthorError extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('Only the person who started the thread can accept an answer.');
  }
}

export class NotAMentorReplyError extends DomainError {
  readonly code = 'NOT_A_MENTOR_REPLY';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super("Only a mentor's reply can be the accepted answer.");
  }
}

export class NotAnonymousError extends DomainError {
  readonly code = 'NOT_ANONYMOUS';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This post is not anonymous; its author is already shown.');
  }
}

export class RevealNeedsSecondAdminError extends DomainError {
  readonly code = 'REVEAL_NEEDS_SECOND_ADMIN';
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('A different admin must approve a reveal request.');
  }
}

export class RevealNotPendingError extends DomainError {
  readonly code = 'REVEAL_NOT_PENDING';
  readonly status = HttpStatus.CONFLICT;
  constructor(status: string) {
    super(`This reveal request is already ${status}.`);
  }
}

export class ReportNotFoundError extends DomainError {
  readonly code = 'REPORT_NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('There is no such report.');
  }
}

/** Why an admin cannot take part in a reveal; see RevealIndependence. */
export type RevealDependence =
  | 'not_an_active_admin'
  | 'provenance_unknown'
  | 'recently_made_admin'
  | 'created_by_requester'
  | 'invited_by_requester'
  | 'made_admin_by_requester';

export class RevealApproverNotIndependentError extends DomainError {
  readonly code = 'REVEAL_APPROVER_NOT_INDEPENDENT';
  readonly status = HttpStatus.CONFLICT;
  constructor(detail: string, reason: RevealDependence, eligibleFrom?: Date) {
    super(detail, { reason, ...(eligibleFrom ? { eligibleFrom: eligibleFrom.toISOString() } : {}) });
  }
}
