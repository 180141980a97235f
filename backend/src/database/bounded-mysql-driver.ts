import type * as mysql2 from 'mysql2';
import { Mysql2Error, mysql2WithPoolHooks, PooledConnection } from './mysql2-pool-hooks';

/** Error code of a pool that could not hand out a connection in time (the database is stalled). */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

/**
 * mysql2 with every wait bounded, so a slow or silent database turns into quick 503s instead of
 * hung requests and a drained pool:
 * - waiting for a free connection gives up after `acquireTimeoutMs` (mysql2 itself waits forever);
 *   a connection that turns up later goes straight back to the pool;
 * - a query that outlives its timeout (TypeORM's `maxQueryExecutionTime`) closes its connection:
 *   the pool opens a fresh one rather than queueing behind a reply that may never come.
 */
export function boundedMysqlDriver(acquireTimeoutMs: number): typeof mysql2 {
  return mysql2WithPoolHooks({
    acquire(ask, answer) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        const error: Mysql2Error = new Error('No database connection became free in time.');
        error.code = POOL_ACQUIRE_TIMEOUT;
        answer(error);
      }, acquireTimeoutMs);
      timer.unref();
      ask((error, connection) => {
        if (settled) {
          if (!error) (connection as PooledConnection).release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        answer(error, connection);
      });
    },
    queryFailed(connection, error) {
      if (error.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
    },
  });
}
