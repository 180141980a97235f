import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

export class MentorAtCapacityError extends DomainError {
  readonly code = 'MENTOR_AT_CAPACITY';
  readonly status = HttpStatus.CONFLICT;
  constructor(capacity: number) {
    super(`This mentor already has ${capacity} student(s), their capacity.`, { capacity });
  }
}

export class AlreadyAssignedError extends DomainError {
  readonly code = 'ALREADY_ASSIGNED';
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('This student is already assigned to this mentor.');
  }
}

export class AssignmentNotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('No such assignment.');
  }
}

export class NotAssignedError extends DomainError {
  readonly code = 'NOT_ASSIGNED';
  readonly status = HttpStatus.FORBIDDEN;
  constructor(message = 'You are not assigned to each other.') {
    super(message);
  }
}
