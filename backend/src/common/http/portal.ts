import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../../config/env';
import { problem } from '../errors/problem';
import { sendProblem } from './send-problem';

const HASHED_ASSET = /-[A-Z0-9]{8,}\.(js|css|woff2?|svg|png)$/i;

export function portalRoot(config: AppConfig): string {
  // Compiled to dist/backend/common/http/portal.js; the portal is built to dist/frontend/browser.
  return resolve(config.frontendDist ?? join(__dirname, '..', '..', '..', 'frontend', 'browser'));
}

/**
 * Serves the built Angular portal from the API's own port. Unknown non-API paths get index.html so
 * deep links survive a reload; unknown `/api/*` paths keep their JSON 404.
 */
export async function registerPortal(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = portalRoot(config);
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the portal folder comes from the operator's configuration
  if (!existsSync(join(root, 'index.html'))) return;

  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/', (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  fastify.get('/*', (request, reply) => {
    if (request.url === '/api' || request.url.startsWith('/api/')) {
      sendProblem(
        reply,
        { problem: problem(404, 'NOT_FOUND', 'There is nothing at this address.'), headers: {}, unexpected: false },
        request.id,
      );
      return reply;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
