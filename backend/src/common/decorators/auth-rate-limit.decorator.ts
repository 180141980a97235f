import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

export const AUTH_RATE_LIMIT_KEY = 'authRateLimit';

/**
 * Sign-in style routes: throttled per client IP and per account, on top of the general limit. The
 * Fastify route config carries the mark too, so the per-address limits apply before the body is read.
 */
export const AuthRateLimit = () =>
  applyDecorators(
    SetMetadata(AUTH_RATE_LIMIT_KEY, true),
    RouteConfig({ [AUTH_RATE_LIMIT_KEY]: true }),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After' }),
  );

/** Whether a Fastify route's config comes from `@AuthRateLimit()`. */
export function isAuthRateLimitedRoute(config: unknown): boolean {
  return (config as Record<string, unknown> | undefined)?.[AUTH_RATE_LIMIT_KEY] === true;
}
