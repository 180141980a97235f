import { HttpStatus } from '@nestjs/common';

/**
 * Base class for the errors services throw. The exception filter turns each into an RFC 9457
 * problem with a stable `code`; `extras` become extra members of the problem document.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: HttpStatus;
  readonly headers: Record<string, string> = {};

  constructor(
    message: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export class ValidationFailedError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly status = HttpStatus.BAD_REQUEST;

  constructor(readonly errors: FieldError[]) {
    super('The request is not valid.', { errors });
  }
}
