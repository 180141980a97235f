import { sizeThreadPool } from './config/env';
sizeThreadPool();

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/env';
import { handleShutdownSignals } from './common/http/graceful-shutdown';
import { DemoSeeder } from './database/seed/demo-seeder';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await createApp(config);
  const logger = new Logger('PeerPals');
  if (config.jwtSecretIsEphemeral) {
    logger.warn('JWT_SECRET is not set: using a random secret for this process (sign-ins end on restart)');
  }
  if (config.seedDemo) {
    const seeded = await app.get(DemoSeeder).seedIfEmpty();
    if (seeded) process.stdout.write(DemoSeeder.describe(seeded, config.publicUrl));
  }
  await app.listen({ port: config.port, host: config.host });
  handleShutdownSignals(app, config.shutdownDrainMs);
  process.stdout.write(
    `PeerPals is running at ${config.publicUrl}/ (API ${config.publicUrl}/api/v1, docs ${config.swaggerEnabled ? `${config.publicUrl}/api/docs` : 'off'})\n`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `PeerPals failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
