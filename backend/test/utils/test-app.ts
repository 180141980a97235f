import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/env';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly server: Server;
  readonly config: AppConfig;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** The real application (all guards, pipes and filters) on a fresh database of its own. */
export async function createTestApp(env: Record<string, string> = {}, kind?: 'sqlite' | 'mysql'): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    FRONTEND_DIST: '/nonexistent',
    // Suites fire many sign-ins from one address; the rate-limit tests lower these again.
    RATE_LIMIT_API_PER_MINUTE: '100000',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000',
    RATE_LIMIT_ACCOUNT_PER_MINUTE: '100000',
    ...env,
  });
  let app: NestFastifyApplication;
  try {
    app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    app,
    server: app.getHttpServer() as Server,
    config,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
