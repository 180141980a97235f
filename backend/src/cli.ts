import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { DomainError, ValidationFailedError } from './common/errors/domain-error';
import { DomainEventBus } from './common/events/domain-event';
import { ConfigError, loadConfig, readPasswordEnv } from './config/env';
import { UsersService } from './modules/users/users.service';
import { databaseOptions } from './database/database-options';
import { DemoSeeder } from './database/seed/demo-seeder';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate                     apply pending database migrations
  seed-demo                   load the demo programme (idempotent)
  create-admin --email <e> [--name <display name>]
                              create an active admin; the password comes from
                              PEERPALS_ADMIN_PASSWORD or an interactive prompt
  help                        show this text

Bootstrapping a programme: create its first TWO admins here, one command each
(a different --email and password for each person). Revealing who wrote an
anonymous post needs two independent admins: one asks, the other approves.
Admins made here count as independent at once; an admin made in the portal by
another admin takes part in a reveal only after 7 days, and never in one asked
for by the admin who made or invited them. Every new admin is announced to all
admins.

  PEERPALS_ADMIN_PASSWORD='…' npm run cli -- create-admin --email lead@uni.example --name "Programme Lead"
  PEERPALS_ADMIN_PASSWORD='…' npm run cli -- create-admin --email safeguarding@uni.example --name "Safeguarding Lead"
`;

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index >= 0) return argv[index + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

/** Reads a password from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!process.stdin.isTTY) {
      reject(new Error('No terminal to ask for the password: set PEERPALS_ADMIN_PASSWORD.'));
      return;
    }
    process.stdout.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (char: string) => {
      if (char === '\r' || char === '\n' || char === '\u0004') {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stdout.write('\n');
        resolve(value);
      } else if (char === '\u0003') {
        stdin.setRawMode(false);
        reject(new Error('Cancelled.'));
      } else if (char === '\u007f') {
        value = value.slice(0, -1);
      } else {
        value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function createAdmin(argv: string[]): Promise<void> {
  const email = option(argv, 'email');
  if (!email) throw new Error('create-admin needs --email <email>');
  const name = option(argv, 'name') ?? email.split('@')[0];
  const config = readPasswordEnv();
  let password = config.password;
  if (!password) {
    password = await promptHidden('Password for the new admin (at least 12 characters): ');
    const again = await promptHidden('Repeat the password: ');
    // eslint-disable-next-line security/detect-possible-timing-attacks -- both values were typed at this terminal
    if (again !== password) throw new Error('The passwords do not match.');
  }
  const context = await NestFactory.createApplicationContext(AppModule.forRoot({ ...loadConfig(), logLevel: 'warn' }), {
    logger: ['error', 'warn'],
  });
  try {
    const admin = await context.get(UsersService).createAdmin(email, name, password);
    // The announcement to every admin is written by an event handler; let it finish before closing.
    await context.get(DomainEventBus).settled();
    process.stdout.write(
      `Created admin ${admin.email} (${admin.id}), made by the CLI; every active admin has been told.\n`,
    );
  } catch (error) {
    if (error instanceof DomainError) {
      throw new Error(
        error instanceof ValidationFailedError
          ? `Refused: ${error.errors.map((e) => e.message).join('; ')}.`
          : error.message,
        { cause: error },
      );
    }
    throw error;
  } finally {
    await context.close();
  }
}

async function migrate(): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(databaseOptions(config.database));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(
      applied.length === 0
        ? 'Database is up to date.\n'
        : `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

async function seedDemo(): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'warn' };
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const result = await context.get(DemoSeeder).seedIfEmpty();
    process.stdout.write(
      result ? DemoSeeder.describe(result, config.publicUrl) : 'The demo programme is already loaded.\n',
    );
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
    case 'create-admin':
      await createAdmin(argv.slice(1));
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
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
