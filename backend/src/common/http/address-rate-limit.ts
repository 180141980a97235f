import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp, ThrottlerException, type ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { RateLimits } from '../../config/env';
import { isAuthRateLimitedRoute } from '../decorators/auth-rate-limit.decorator';
import { toProblem } from '../errors/to-problem';
import { RATE_LIMIT_WINDOW_MS } from '../guards/rate-limit.guard';
import { sendProblem } from './send-problem';

interface AddressThrottler {
  readonly name: 'default' | 'auth';
  readonly limit: number;
  readonly signInRoutesOnly: boolean;
}

/**
 * The per-client-address limits, counted in an `onRequest` hook: a refused request is answered
 * before its body is read, so a flood of large or hostile bodies costs no parsing. Each route of
 * the API (`routePrefix`) is counted on its own, as @nestjs/throttler does; `auth` only on
 * `@AuthRateLimit()` routes. The per-account limit stays in `RateLimitGuard` (it needs the body).
 */
export function addressRateLimitHook(storage: ThrottlerStorage, limits: RateLimits, routePrefix: string) {
  const throttlers: AddressThrottler[] = [
    { name: 'default', limit: limits.api, signInRoutesOnly: false },
    { name: 'auth', limit: limits.authPerIp, signInRoutesOnly: true },
  ];
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const route = request.routeOptions.url;
    if (!route?.startsWith(routePrefix)) return undefined;
    const signIn = isAuthRateLimitedRoute(request.routeOptions.config);
    const address = normalizeIp(request.ip, DEFAULT_IPV6_SUBNET_PREFIX);
    // Fastify's automatic HEAD route shares the handler, and so the counter, of its GET route.
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const key = createHash('sha256').update(`${method} ${route}|${address}`).digest('hex');
    for (const throttler of throttlers) {
      if (throttler.signInRoutesOnly && !signIn) continue;
      // Errors (503 RATE_LIMIT_UNAVAILABLE while Redis is down, for `auth`) go to the exception filter.
      const record = await storage.increment(
        key,
        RATE_LIMIT_WINDOW_MS,
        throttler.limit,
        RATE_LIMIT_WINDOW_MS,
        throttler.name,
      );
      const suffix = throttler.name === 'default' ? '' : `-${throttler.name}`;
      if (record.isBlocked) {
        reply.header('retry-after', String(Math.max(1, Math.ceil(record.timeToBlockExpire))));
        sendProblem(reply, toProblem(new ThrottlerException()), request.id);
        return reply;
      }
      reply.header(`x-ratelimit-limit${suffix}`, throttler.limit);
      reply.header(`x-ratelimit-remaining${suffix}`, Math.max(0, throttler.limit - record.totalHits));
      reply.header(`x-ratelimit-reset${suffix}`, record.timeToExpire);
    }
    return undefined;
  };
}
