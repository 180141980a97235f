import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';

export interface TestDatabase {
  readonly url: string;
  readonly kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

/** The database the suites run against: embedded SQLite unless DATABASE_URL names a MySQL server. */
export function testDatabaseKind(): 'sqlite' | 'mysql' {
  return process.env['DATABASE_URL']?.startsWith('mysql://') ? 'mysql' : 'sqlite';
}

/** Every suite gets a database of its own, created empty and dropped afterwards. */
export async function createTestDatabase(kind = testDatabaseKind()): Promise<TestDatabase> {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `peerpals-test-${suffix}.sqlite`);
    return {
      url: `sqlite:${file}`,
      kind: 'sqlite',
      drop: async () => {
        for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
      },
    };
  }

  const server = new URL(process.env['DATABASE_URL'] as string);
  const name = `${server.pathname.slice(1) || 'peerpals_test'}_${suffix}`.slice(0, 64);
  const admin = await createConnection({
    uri: `${server.protocol}//${server.username ? `${server.username}${server.password ? `:${server.password}` : ''}@` : ''}${server.host}/`,
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'mysql',
    drop: async () => {
      const connection = await createConnection({
        uri: `${server.protocol}//${server.username ? `${server.username}${server.password ? `:${server.password}` : ''}@` : ''}${server.host}/`,
      });
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}
