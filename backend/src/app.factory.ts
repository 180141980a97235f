import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { addressRateLimitHook } from './common/http/address-rate-limit';
import { registerJsonParser } from './common/http/json-body';
import { ProblemDetailsFilter } from './common/filters/problem-details.filter';
import { requestIdFrom } from './common/http/logging';
import { toProblem } from './common/errors/to-problem';
import { registerPortal } from './common/http/portal';
import { sendProblem } from './common/http/send-problem';
import { securityHeadersHook } from './common/http/security-headers';
import { setupSwagger } from './common/http/swagger';
import { createValidationPipe } from './common/pipes/validation.pipe';
import type { AppConfig, TrustProxy } from './config/env';
import { ShutdownState } from './common/http/graceful-shutdown';

export const API_PREFIX = 'api/v1';
/** CSV imports may be larger than ordinary JSON bodies. */
const UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * Builds the whole application exactly as it runs in production; `main.ts`, the CLI, the OpenAPI
 * exporter and the HTTP tests all use it, so tests exercise the real pipeline.
 */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      requestIdFrom(req.headers['x-request-id']),
    requestIdHeader: false,
    return503OnClosing: true,
    logger: false,
    // Malformed or over-long URLs are refused by the router itself: answer them as problems too.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, toProblem(error), request.id),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // The JSON parser is registered below (Fastify's, with empty bodies allowed).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  // First, so that every answer, including the address rate limit's 429, carries the security headers.
  fastify.addHook('onRequest', securityHeadersHook(config));
  fastify.addHook('onRequest', async (request, reply) => {
    // Lets the request logger reuse Fastify's id, so logs and responses carry the same one.
    (request.raw as typeof request.raw & { id?: string }).id = request.id;
    reply.header('x-request-id', request.id);
  });
  fastify.addHook(
    'onRequest',
    addressRateLimitHook(app.get<ThrottlerStorage>(getStorageToken()), config.rateLimits, `/${API_PREFIX}/`),
  );
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    // While draining, clients reconnect (through the load balancer, to another instance) for their next request.
    if (shutdown.draining) reply.header('connection', 'close');
  });

  await app.register(fastifyCookie);
  // An upload over a limit is refused with 413, never handed on cut short.
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5, parts: 6 },
  });
  registerJsonParser(fastify);
  fastify.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: UPLOAD_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  });

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  if (config.swaggerEnabled) setupSwagger(app);
  await registerPortal(app, config);

  await app.init();
  return app;
}

/**
 * Fastify's `trustProxy` for `TRUST_PROXY`. Fastify trusts no hop for a plain number, so a hop count
 * becomes a function: the socket peer and the next `hops - 1` addresses of `X-Forwarded-For` (from the
 * right) are proxies, the one before them is the client.
 */
export function trustProxyOption(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
