import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

export const AUTH_RATE_LIMIT_KEY = 'authRateLimit';

/** Sign-in style routes: throttled per client IP and per account, on top of the general limit. */
export const AuthRateLimit = () =>
  applyDecorators(SetMetadata(AUTH_RATE_LIMIT_KEY, true), ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' }));
