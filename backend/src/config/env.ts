import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { DEFAULT_SQLITE_PATH, EnvironmentVariables, listOf, onOff, withoutTrailingSlashes } from './env.schema';

export type NodeEnv = 'development' | 'production' | 'test';

export interface DatabaseConfig {
  readonly type: 'sqlite' | 'mysql';
  /** For sqlite: a file path or `:memory:`; for mysql: the full URL. */
  readonly url: string;
  readonly path?: string;
  /** MySQL read replicas (`DATABASE_REPLICA_URLS`); reads that tolerate lag may go there. */
  readonly replicaUrls?: readonly string[];
  /** A query (or a connection attempt) that takes longer fails, so a stalled database never hangs a request. */
  readonly queryTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseConfig;
  readonly redisUrl?: string;
  /** Prefix of every Redis key and channel, so several deployments (or test runs) can share one Redis. */
  readonly redisKeyPrefix: string;
  /** Signs what instances tell each other over Redis; derived from `jwtSecret` when unset. */
  readonly eventRelaySecret?: string;
  readonly jwtSecret: string;
  readonly jwtSecretIsEphemeral: boolean;
  readonly publicUrl: string;
  readonly corsOrigins: readonly string[];
  readonly smtpUrl?: string;
  readonly seedDemo: boolean;
  readonly swaggerEnabled: boolean;
  readonly logLevel: string;
  readonly bodyLimitBytes: number;
  /** On SIGTERM, how long to keep serving while the load balancer notices readiness going 503. */
  readonly shutdownDrainMs: number;
  /** `X-Forwarded-For` is believed only from these proxies: off, a hop count, or their addresses/CIDRs. */
  readonly trustProxy: TrustProxy;
  readonly frontendDist?: string;
  readonly rateLimits: RateLimits;
}

/** As Fastify's `trustProxy`: false, the number of proxies in front of the app, or their addresses/CIDRs. */
export type TrustProxy = false | number | readonly string[];

/** Requests per minute: every API route per client IP; sign-in routes per IP and per account. */
export interface RateLimits {
  readonly api: number;
  readonly authPerIp: number;
  readonly authPerAccount: number;
}

export { DEFAULT_SQLITE_PATH };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the process environment once, at boot, against `EnvironmentVariables`. Every
 * problem is collected so the operator sees all bad variables at once, each message naming its variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  return validateEnv(env);
}

/** The `validate` function of `@nestjs/config`: the environment in, the typed configuration out. */
export function validateEnv(env: Record<string, unknown>): AppConfig {
  const trimmed = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, typeof value === 'string' ? value.trim() || undefined : value]),
  );
  const vars = plainToInstance(EnvironmentVariables, trimmed);
  // class-validator lists a property's failed checks bottom decorator first; report them in reading order.
  const problems = validateSync(vars).flatMap((error) =>
    Object.values(error.constraints ?? {})
      .reverse()
      .flatMap((message) => message.split('\n')),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  return toAppConfig(vars);
}

function toAppConfig(vars: EnvironmentVariables): AppConfig {
  const nodeEnv = (vars.NODE_ENV ?? 'development') as NodeEnv;
  const isProduction = vars.isProduction;
  const int = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  const bool = (value: string | undefined, fallback: boolean) => onOff(value) ?? fallback;
  const port = int(vars.PORT, 3000);
  const database = databaseConfig(vars.DATABASE_URL);
  const replicaUrls = listOf(vars.DATABASE_REPLICA_URLS);
  const jwtSecret = vars.JWT_SECRET ?? randomBytes(48).toString('base64url');

  return {
    nodeEnv,
    isProduction,
    port,
    host: vars.HOST ?? '0.0.0.0',
    database: {
      ...database,
      queryTimeoutMs: int(vars.DATABASE_QUERY_TIMEOUT_MS, 15_000),
      connectTimeoutMs: int(vars.DATABASE_CONNECT_TIMEOUT_MS, 5_000),
      ...(replicaUrls.length > 0 ? { replicaUrls } : {}),
    },
    redisUrl: vars.REDIS_URL,
    redisKeyPrefix: vars.REDIS_KEY_PREFIX ?? 'peerpals:',
    eventRelaySecret: vars.EVENT_RELAY_SECRET,
    jwtSecret,
    jwtSecretIsEphemeral: vars.JWT_SECRET === undefined,
    publicUrl: withoutTrailingSlashes(vars.PUBLIC_URL ?? `http://localhost:${port}`),
    corsOrigins: listOf(vars.CORS_ORIGINS).map(withoutTrailingSlashes).filter(Boolean),
    smtpUrl: vars.SMTP_URL,
    seedDemo: bool(vars.SEED_DEMO, database.type === 'sqlite' && !isProduction),
    swaggerEnabled: bool(vars.SWAGGER_ENABLED, !isProduction),
    logLevel: vars.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    bodyLimitBytes: int(vars.BODY_LIMIT_BYTES, 1_048_576),
    shutdownDrainMs: int(vars.SHUTDOWN_DRAIN_MS, isProduction ? 5_000 : 0),
    trustProxy: trustProxy(vars.TRUST_PROXY),
    frontendDist: vars.FRONTEND_DIST,
    rateLimits: {
      api: int(vars.RATE_LIMIT_API_PER_MINUTE, 600),
      authPerIp: int(vars.RATE_LIMIT_AUTH_PER_MINUTE, 30),
      authPerAccount: int(vars.RATE_LIMIT_ACCOUNT_PER_MINUTE, 10),
    },
  };
}

function databaseConfig(raw: string | undefined): Omit<DatabaseConfig, 'queryTimeoutMs' | 'connectTimeoutMs'> {
  const url = raw ?? `sqlite:${DEFAULT_SQLITE_PATH}`;
  if (url.startsWith('mysql://')) return { type: 'mysql', url };
  return { type: 'sqlite', url, path: url.slice('sqlite:'.length).replace(/^\/\//, '') || DEFAULT_SQLITE_PATH };
}

function trustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || onOff(raw) === false) return false;
  return /^\d+$/.test(raw) ? Number(raw) : listOf(raw);
}

/** Argon2 and other libuv work run on the thread pool; size it to the cores before it starts. */
export function sizeThreadPool(env: Env = process.env): void {
  if (!env['UV_THREADPOOL_SIZE']) {
    env['UV_THREADPOOL_SIZE'] = String(Math.max(4, cpus().length));
  }
}

/** The CLI's create-admin reads the password from the environment rather than its arguments (shell history). */
export function readPasswordEnv(env: Env = process.env): { password?: string } {
  const password = env['PEERPALS_ADMIN_PASSWORD'];
  return { password: password === '' ? undefined : password };
}
