import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 3;

/**
 * Runs units of work in a database transaction.
 *
 * TypeORM's better-sqlite3 driver shares one connection, so two concurrent `transaction()` calls
 * would silently nest into one. On SQLite every write transaction therefore waits its turn here
 * (the embedded database is single-process by design). On MySQL transactions run concurrently and
 * are retried when the server picks them as a deadlock victim.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialised: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type === 'better-sqlite3';
  }

  get isMysql(): boolean {
    return this.dataSource.options.type === 'mysql';
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialised) return this.withRetry(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        // READ COMMITTED: a check made after taking a lock sees what others committed before it.
        return await this.dataSource.transaction('READ COMMITTED', work);
      } catch (error) {
        const code =
          (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
          (error as { code?: string }).code;
        if (attempt >= MAX_ATTEMPTS || !code || !MYSQL_RETRYABLE.has(code)) throw error;
      }
    }
  }
}

/** `SELECT … FOR UPDATE` on MySQL; SQLite has no row locks (its writers are serialised above). */
export function lockClause(manager: EntityManager): string {
  return manager.connection.options.type === 'mysql' ? ' FOR UPDATE' : '';
}

/** True when a write failed on a unique index, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.driverError?.code ?? e.code;
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}
