import * as mysql2 from 'mysql2';

/** Error code of a pool that could not hand out a connection in time (the database is stalled). */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

type Callback = (error: (Error & { code?: string }) | null, ...rest: unknown[]) => void;

interface PooledConnection {
  query(...args: unknown[]): unknown;
  release(): void;
  destroy(): void;
}

interface Pool {
  getConnection(callback: Callback): void;
  on(event: 'connection', listener: (connection: PooledConnection) => void): unknown;
}

interface PoolCluster {
  add(id: string, config: unknown): void;
  _nodes?: Record<string, { pool?: Pool } | undefined>;
}

/**
 * mysql2 with every wait bounded, so a slow or silent database turns into quick 503s instead of
 * hung requests and a drained pool:
 * - a query that outlives its timeout (TypeORM's `maxQueryExecutionTime`) closes its connection:
 *   the pool opens a fresh one rather than queueing behind a reply that may never come;
 * - waiting for a free connection gives up after `acquireTimeoutMs` (mysql2 itself waits forever);
 *   a connection that turns up later goes straight back to the pool.
 */
export function boundedMysqlDriver(acquireTimeoutMs: number): typeof mysql2 {
  const bound = (pool: Pool): Pool => {
    pool.on('connection', closeOnQueryTimeout);
    const getConnection = pool.getConnection.bind(pool);
    pool.getConnection = (callback: Callback) => {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        const error: Error & { code?: string } = new Error('No database connection became free in time.');
        error.code = POOL_ACQUIRE_TIMEOUT;
        callback(error);
      }, acquireTimeoutMs);
      timer.unref();
      getConnection((error, connection) => {
        if (settled) {
          if (!error) (connection as PooledConnection).release();
          return;
        }
        settled = true;
        clearTimeout(timer);
        callback(error, connection);
      });
    };
    return pool;
  };
  return {
    ...mysql2,
    createPool: ((config: unknown) =>
      bound(mysql2.createPool(config as mysql2.PoolOptions) as unknown as Pool)) as unknown as typeof mysql2.createPool,
    // With read replicas TypeORM uses a pool cluster: bound the pool of every node it adds.
    createPoolCluster: ((config: unknown) => {
      const cluster = mysql2.createPoolCluster(config as mysql2.PoolClusterOptions) as unknown as PoolCluster;
      const add = cluster.add.bind(cluster);
      cluster.add = (id: string, nodeConfig: unknown) => {
        add(id, nodeConfig);
        const pool = cluster._nodes?.[id]?.pool;
        if (pool) bound(pool);
      };
      return cluster;
    }) as unknown as typeof mysql2.createPoolCluster,
  };
}

function closeOnQueryTimeout(connection: PooledConnection): void {
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const at = args.findIndex((a) => typeof a === 'function');
    if (at >= 0) {
      const callback = args[at] as Callback;
      args[at] = (error: (Error & { code?: string }) | null, ...rest: unknown[]) => {
        if (error?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
        callback(error, ...rest);
      };
    }
    return query(...args);
  };
}
