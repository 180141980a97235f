import { readFileSync } from 'node:fs';
import type { Pool, PoolCluster, PoolConnection } from 'mysql2';
import { boundedMysqlDriver, POOL_ACQUIRE_TIMEOUT } from '../../src/database/bounded-mysql-driver';
import { MYSQL2_VERSION_VERIFIED } from '../../src/database/mysql2-pool-hooks';
import { createTestDatabase, TestDatabase, testDatabaseKind } from '../utils/test-database';

const ACQUIRE_TIMEOUT_MS = 300;

type Outcome = { error: (Error & { code?: string }) | null; connection?: PoolConnection; ms: number };

function acquire(pool: Pick<Pool, 'getConnection'>): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) =>
    pool.getConnection((error, connection) => resolve({ error, connection, ms: Date.now() - started })),
  );
}

function query(connection: PoolConnection, sql: string, timeout?: number): Promise<Error & { code?: string }> {
  return new Promise((resolve) => connection.query({ sql, timeout }, (error) => resolve(error as Error)));
}

describe('mysql2 pool-wait bound', () => {
  it(`should be checked against the installed mysql2 (${MYSQL2_VERSION_VERIFIED})`, () => {
    const { version } = JSON.parse(readFileSync(require.resolve('mysql2/package.json'), 'utf8')) as { version: string };
    if (version !== MYSQL2_VERSION_VERIFIED) {
      throw new Error(
        `mysql2 is now ${version}, but src/database/mysql2-pool-hooks.ts was checked against ${MYSQL2_VERSION_VERIFIED}. ` +
          'Re-read what it relies on (listed in its comment) in mysql2 lib/base/pool.js, lib/pool_cluster.js and ' +
          'lib/base/connection.js, run this suite on MariaDB, then update MYSQL2_VERSION_VERIFIED.',
      );
    }
  });

  (testDatabaseKind() === 'mysql' ? describe : describe.skip)('against MariaDB', () => {
    let database: TestDatabase;
    let pool: Pool;

    beforeAll(async () => {
      database = await createTestDatabase('mysql');
      pool = boundedMysqlDriver(ACQUIRE_TIMEOUT_MS).createPool({ uri: database.url, connectionLimit: 1 });
    });

    afterAll(async () => {
      await new Promise((resolve) => pool?.end(resolve));
      await database?.drop();
    });

    it('should give up waiting for a free connection with POOL_ACQUIRE_TIMEOUT and take back the one that comes late', async () => {
      const held = await acquire(pool);
      expect(held.error).toBeNull();
      const heldThread = held.connection!.threadId;

      const waited = await acquire(pool);
      expect(waited.error?.code).toBe(POOL_ACQUIRE_TIMEOUT);
      expect(waited.ms).toBeGreaterThanOrEqual(ACQUIRE_TIMEOUT_MS - 20);
      expect(waited.ms).toBeLessThan(ACQUIRE_TIMEOUT_MS + 1000);

      // mysql2 hands the released connection to the abandoned waiter; the bound returns it to the pool.
      held.connection!.release();
      const next = await acquire(pool);
      expect(next.error).toBeNull();
      expect(next.ms).toBeLessThan(ACQUIRE_TIMEOUT_MS);
      expect(next.connection!.threadId).toBe(heldThread);
      expect(await query(next.connection!, 'SELECT 1')).toBeNull();
      next.connection!.release();
    });

    it('should close a connection whose query timed out, so the pool opens a fresh one', async () => {
      const first = await acquire(pool);
      const thread = first.connection!.threadId;
      expect((await query(first.connection!, 'SELECT SLEEP(2)', 200))?.code).toBe('PROTOCOL_SEQUENCE_TIMEOUT');
      first.connection!.release();

      const next = await acquire(pool);
      expect(next.error).toBeNull();
      expect(next.connection!.threadId).not.toBe(thread);
      expect(await query(next.connection!, 'SELECT 1')).toBeNull();
      next.connection!.release();
    });

    it('should bound the pools of a pool cluster (read replicas) too', async () => {
      // Without retries, so that the node's own answer comes through (a retrying cluster asks another node).
      const cluster: PoolCluster = boundedMysqlDriver(ACQUIRE_TIMEOUT_MS).createPoolCluster({ canRetry: false });
      try {
        const url = new URL(database.url);
        // As TypeORM adds its replicas: the URL taken apart.
        cluster.add('replica', {
          host: url.hostname,
          port: Number(url.port || 3306),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: url.pathname.slice(1),
          connectionLimit: 1,
        });
        const node = cluster.of('replica');
        const held = await acquire(node);
        expect(held.error).toBeNull();
        expect((await acquire(node)).error?.code).toBe(POOL_ACQUIRE_TIMEOUT);
        held.connection!.release();
        const next = await acquire(node);
        expect(next.error).toBeNull();
        next.connection!.release();
      } finally {
        await new Promise<void>((resolve) => cluster.end(() => resolve()));
      }
    });
  });
});
