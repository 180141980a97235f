import { ClsServiceManager } from 'nestjs-cls';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

const MYSQL_RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 3;
const AFTER_COMMIT = Symbol('after-commit');

/**
 * The transactions behind `@Transactional()` (nestjs-cls): TypeORM's adapter, plus the two things
 * our databases need, in this one place.
 * - SQLite (better-sqlite3) is one shared connection, so two concurrent transactions would silently
 *   nest into one: write transactions wait their turn here (the embedded database is single-process
 *   by design).
 * - MySQL runs them concurrently at READ COMMITTED (a check made after taking a lock sees what
 *   others committed before it) and retries a unit of work the server chose as a deadlock victim.
 * Work registered with `afterCommit()` runs once the outermost transaction has committed.
 */
export class DatabaseTransactions extends TransactionalAdapterTypeOrm {
  constructor() {
    super({ dataSourceToken: DataSource });
    const typeOrmOptions = this.optionsFactory;
    this.optionsFactory = (dataSource: DataSource) => {
      const base = typeOrmOptions(dataSource);
      const serialised = dataSource.options.type === 'better-sqlite3';
      let tail: Promise<unknown> = Promise.resolve();
      const attempt = async (fn: () => Promise<unknown>, setTx: (tx?: EntityManager) => void) => {
        const pending: (() => void)[] = [];
        const cls = ClsServiceManager.getClsService();
        cls.set(AFTER_COMMIT, pending);
        const options: { isolationLevel?: IsolationLevel } = serialised ? {} : { isolationLevel: 'READ COMMITTED' };
        const result = await base.wrapWithTransaction(
          options as Parameters<typeof base.wrapWithTransaction>[0],
          fn,
          setTx,
        );
        cls.set(AFTER_COMMIT, undefined);
        // Work started now (event handlers) shares this context: it must not see the finished transaction.
        setTx(undefined);
        for (const work of pending) work();
        return result;
      };
      const withRetry = async (fn: () => Promise<unknown>, setTx: (tx?: EntityManager) => void) => {
        for (let n = 1; ; n++) {
          try {
            return await attempt(fn, setTx);
          } catch (error) {
            ClsServiceManager.getClsService().set(AFTER_COMMIT, undefined);
            if (serialised || n >= MAX_ATTEMPTS || !MYSQL_RETRYABLE.has(errorCode(error) ?? '')) throw error;
          }
        }
      };
      return {
        ...base,
        wrapWithTransaction: (_options, fn, setTx) => {
          if (!serialised) return withRetry(fn, setTx);
          const result = tail.then(() => withRetry(fn, setTx));
          tail = result.catch(() => undefined);
          return result;
        },
      };
    };
  }
}

/**
 * Runs `work` after the current transaction commits (never, if it rolls back), or now when no
 * transaction is open. Domain events go out this way, so nobody hears of a change that did not happen.
 */
export function afterCommit(work: () => void): void {
  const cls = ClsServiceManager.getClsService();
  const pending = cls.isActive() ? (cls.get(AFTER_COMMIT) as (() => void)[] | undefined) : undefined;
  if (pending) pending.push(work);
  else work();
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}

/** True when a write failed on a unique index, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = errorCode(error);
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test((error as { message?: string }).message ?? '')
  );
}
