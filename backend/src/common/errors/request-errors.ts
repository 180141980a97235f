import { HttpStatus } from '@nestjs/common';
import { DomainError } from './domain-error';

export class CrossSiteRequestError extends DomainError {
  readonly code = 'CROSS_SITE_REQUEST';
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('This request came from another site and was refused.');
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  constructor() {
    super('Send an application/json body here, or no body at all.');
  }
}
