import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/env';
import { databaseOptions } from './database/database-options';
import { DemoSeeder } from './database/seed/demo-seeder';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                     apply pending database migrations
  seed-demo                   load the demo programme (idempotent)
  help                        show this text
`;

async function migrate(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(databaseOptions(config.database));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(applied.length === 0 ? 'Database is up to date.\n' : `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`);
  } finally {
    await dataSource.destroy();
  }
}

async function seedDemo(): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'warn' };
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const result = await context.get(DemoSeeder).seedIfEmpty();
    process.stdout.write(result ? DemoSeeder.describe(result, config.publicUrl) : 'The demo programme is already loaded.\n');
  } finally {
    await context.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'migrate':
      await migrate();
      return 0;
    case 'seed-demo':
      await seedDemo();
      return 0;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
