import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerModuleOptions } from '@nestjs/throttler';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RateLimits } from '../../config/env';
import { REFRESH_COOKIE } from '../auth/refresh-cookie';
import { AUTH_RATE_LIMIT_KEY } from '../decorators/auth-rate-limit.decorator';
import type { RedisConnections } from '../redis/redis-connections';
import { MemoryThrottlerStorage } from './memory-throttler-storage';
import { RedisThrottlerStorage } from './redis-throttler-storage';

/** Every limit counts requests in a fixed one-minute window, and a client over it waits out one window. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

function isAuthRoute(context: ExecutionContext): boolean {
  return Reflect.getMetadata(AUTH_RATE_LIMIT_KEY, context.getHandler()) === true;
}

/**
 * The account of a signed-in caller, from a correctly signed access token. Rate limits run before
 * authentication, so the signature is checked here: a forged token cannot spend someone else's limit.
 */
export function bearerSubject(authorization: unknown, jwtSecret: string): string | undefined {
  if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) return undefined;
  const parts = authorization.slice(7).trim().split('.');
  if (parts.length !== 3 || parts[2]!.length > 512) return undefined;
  const expected = createHmac('sha256', jwtSecret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2]!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const sub = (JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? `user:${sub}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The account a sign-in style request is about: the email, the invitation or reset token, the MFA
 * challenge, the refresh token, or the signed-in caller (password change).
 */
function accountTracker(jwtSecret: string) {
  return (req: Record<string, any>): string => {
    const body = (req['body'] ?? {}) as Record<string, unknown>;
    const subject =
      (typeof body['email'] === 'string' && body['email'].trim().toLowerCase()) ||
      (typeof body['token'] === 'string' && body['token']) ||
      (typeof body['challengeToken'] === 'string' && body['challengeToken']) ||
      (req['cookies']?.[REFRESH_COOKIE] as string | undefined) ||
      bearerSubject(req['headers']?.['authorization'], jwtSecret) ||
      String(req['ip']);
    return createHash('sha256').update(subject).digest('hex').slice(0, 32);
  };
}

/** The throttlers that only sign-in style routes use; they fail closed when shared counters are unavailable. */
export const AUTH_THROTTLERS = ['auth', 'account'] as const;

/**
 * Only the per-account limit of sign-in style routes is counted in the guard, because it needs the
 * parsed body. The per-address limits (`default`, `auth`) are counted before the body is read, in
 * `addressRateLimitHook`, with the same storage. With Redis, the counters are shared by every API
 * instance; without it they live in this process.
 */
export function throttlerOptions(
  limits: RateLimits,
  jwtSecret: string,
  redis?: RedisConnections,
): ThrottlerModuleOptions {
  const storage = redis?.configured
    ? new RedisThrottlerStorage(
        redis.create('rate-limits', { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 500 }),
        redis.prefix,
        { failClosed: AUTH_THROTTLERS },
      )
    : new MemoryThrottlerStorage();
  return {
    storage,
    throttlers: [
      {
        name: 'account',
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: limits.authPerAccount,
        skipIf: (context) => !isAuthRoute(context),
        getTracker: accountTracker(jwtSecret),
      },
    ],
  };
}

/** @nestjs/throttler with one plain `Retry-After` header whichever limit was hit. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: { timeToBlockExpire: number },
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', Math.max(1, Math.ceil(detail.timeToBlockExpire)));
    throw new ThrottlerException();
  }
}
