import * as mysql2 from 'mysql2';

/**
 * The mysql2 release whose internals `mysql2WithPoolHooks` was checked against. A test
 * (`test/e2e/mysql-pool-bound.e2e-spec.ts`) fails when the installed mysql2 differs.
 */
export const MYSQL2_VERSION_VERIFIED = '3.24.6';

export type Mysql2Error = Error & { code?: string };
export type Mysql2Callback = (error: Mysql2Error | null, ...rest: unknown[]) => void;

export interface PooledConnection {
  release(): void;
  destroy(): void;
}

/** What PeerPals adds to mysql2's callback pools (the API TypeORM uses); mysql2 has no hook for either. */
export interface PoolHooks {
  /** Every request for a pooled connection: `ask` asks mysql2's pool, `answer` answers the caller. */
  acquire(ask: (callback: Mysql2Callback) => void, answer: Mysql2Callback): void;
  /** A query on a pooled connection failed, before its caller hears of it. */
  queryFailed(connection: PooledConnection, error: Mysql2Error): void;
}

interface Pool {
  getConnection(callback: Mysql2Callback): void;
  on(event: 'connection', listener: (connection: PooledConnection & Queryable) => void): unknown;
}

interface Queryable {
  query(...args: unknown[]): unknown;
}

interface PoolCluster {
  add(id: string, config: unknown): void;
  _nodes?: Record<string, { pool?: Pool } | undefined>;
}

/**
 * mysql2 with `hooks` around its pools. The only parts of mysql2 this relies on beyond its
 * documented API are:
 * - `Pool#getConnection(callback)` is how every pooled connection is asked for (TypeORM uses it,
 *   and so do `Pool#query` and `PoolCluster`), and `'connection'` is emitted once per new connection;
 * - `PoolConnection#query(…, callback)` takes its callback as its first function argument;
 * - `PoolCluster#add(id, config)` creates the node's pool at the private `_nodes[id].pool`.
 */
export function mysql2WithPoolHooks(hooks: PoolHooks): typeof mysql2 {
  const hook = (pool: Pool): Pool => {
    pool.on('connection', (connection) => hookQueries(connection, hooks));
    const getConnection = pool.getConnection.bind(pool);
    pool.getConnection = (callback: Mysql2Callback) => hooks.acquire(getConnection, callback);
    return pool;
  };
  return {
    ...mysql2,
    createPool: ((config: unknown) =>
      hook(mysql2.createPool(config as mysql2.PoolOptions) as unknown as Pool)) as unknown as typeof mysql2.createPool,
    // With read replicas TypeORM uses a pool cluster: hook the pool of every node it adds.
    createPoolCluster: ((config: unknown) => {
      const cluster = mysql2.createPoolCluster(config as mysql2.PoolClusterOptions) as unknown as PoolCluster;
      const add = cluster.add.bind(cluster);
      cluster.add = (id: string, nodeConfig: unknown) => {
        add(id, nodeConfig);
        const pool = cluster._nodes?.[id]?.pool;
        if (pool) hook(pool);
      };
      return cluster;
    }) as unknown as typeof mysql2.createPoolCluster,
  };
}

function hookQueries(connection: PooledConnection & Queryable, hooks: PoolHooks): void {
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const at = args.findIndex((a) => typeof a === 'function');
    if (at >= 0) {
      const callback = args[at] as Mysql2Callback;
      args[at] = (error: Mysql2Error | null, ...rest: unknown[]) => {
        if (error) hooks.queryFailed(connection, error);
        callback(error, ...rest);
      };
    }
    return query(...args);
  };
}
