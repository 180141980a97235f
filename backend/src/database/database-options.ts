import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/env';
import { boundedMysqlDriver } from './bounded-mysql-driver';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

const MYSQL_POOL_SIZE = 10;

/** One place that turns `DATABASE_URL` into TypeORM options for either supported database. */
export function databaseOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
  };
  if (db.type === 'sqlite') {
    const path = db.path as string;
    const inMemory = path === ':memory:';
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the database file comes from the operator's configuration
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: !inMemory,
      prepareDatabase: (sqlite: { pragma(source: string): unknown }) => {
        sqlite.pragma('foreign_keys = ON');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('synchronous = NORMAL');
      },
    };
  }
  const queryTimeoutMs = db.queryTimeoutMs ?? 15_000;
  const connectTimeoutMs = db.connectTimeoutMs ?? 5_000;
  // A request waits for a connection at most as long as one slow query or connection attempt takes.
  const acquireTimeoutMs = Math.max(queryTimeoutMs, connectTimeoutMs);
  const connection =
    db.replicaUrls && db.replicaUrls.length > 0
      ? { replication: replicationOptions(db.url, db.replicaUrls) }
      : { url: db.url };
  return {
    ...common,
    type: 'mysql',
    ...connection,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    driver: boundedMysqlDriver(acquireTimeoutMs),
    connectTimeout: connectTimeoutMs,
    enableQueryTimeout: true,
    maxQueryExecutionTime: queryTimeoutMs,
    extra: {
      connectionLimit: MYSQL_POOL_SIZE,
      waitForConnections: true,
      enableKeepAlive: true,
    },
  };
}

/**
 * Primary plus read replicas. Every query goes to the primary unless it explicitly asks for a
 * replica (`Db.onReplica`): transactions, conditional updates, and reads right after a write
 * (sign-in state, a ticket just redeemed, the page returned after a POST) must never see lag.
 */
function replicationOptions(primaryUrl: string, replicaUrls: readonly string[]) {
  return {
    master: { url: primaryUrl },
    slaves: replicaUrls.map((url) => ({ url })),
    defaultMode: 'master' as const,
    selector: 'RR' as const,
    canRetry: true,
    removeNodeErrorCount: 5,
    restoreNodeTimeout: 5000,
  };
}

/** UTC timestamp in the `YYYY-MM-DD HH:MM:SS.mmm` form both databases store in DATETIME columns. */
export function toDbTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
