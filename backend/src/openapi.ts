import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApp } from './app.factory';
import { buildOpenApiDocument } from './common/http/swagger';
import { loadConfig } from './config/env';

/** Writes the OpenAPI document of the real application (on a throw-away in-memory database). */
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node openapi.js <output.json>');
  const config = {
    ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }),
    swaggerEnabled: false,
    frontendDist: '/nonexistent',
  };
  const app = await createApp(config);
  try {
    const document = buildOpenApiDocument(app);
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- a build tool writing where its caller asks
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
