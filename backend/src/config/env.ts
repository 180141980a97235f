import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { cpus } from 'node:os';

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

export const DEFAULT_SQLITE_PATH = 'data/peerpals.sqlite';
const MIN_SECRET_BYTES = 32;
const WEAK_SECRETS = new Set(['changeme', 'change-me', 'secret', 'jwt_secret', 'peerpals']);
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the process environment once, at boot. Every problem is collected so the
 * operator sees all bad variables at once, each message naming its variable.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const nodeEnvRaw = str('NODE_ENV') ?? 'development';
  let nodeEnv: NodeEnv = 'development';
  if (nodeEnvRaw === 'development' || nodeEnvRaw === 'production' || nodeEnvRaw === 'test') {
    nodeEnv = nodeEnvRaw;
  } else {
    problems.push(`NODE_ENV must be one of development, production, test (got "${nodeEnvRaw}")`);
  }
  const isProduction = nodeEnv === 'production';

  const port = parseIntVar('PORT', str('PORT'), 3000, 0, 65535, problems);
  const bodyLimitBytes = parseIntVar(
    'BODY_LIMIT_BYTES',
    str('BODY_LIMIT_BYTES'),
    1_048_576,
    1024,
    50 * 1_048_576,
    problems,
  );
  const shutdownDrainMs = parseIntVar(
    'SHUTDOWN_DRAIN_MS',
    str('SHUTDOWN_DRAIN_MS'),
    isProduction ? 5_000 : 0,
    0,
    120_000,
    problems,
  );
  const databaseTimeouts = {
    queryTimeoutMs: parseIntVar(
      'DATABASE_QUERY_TIMEOUT_MS',
      str('DATABASE_QUERY_TIMEOUT_MS'),
      15_000,
      100,
      600_000,
      problems,
    ),
    connectTimeoutMs: parseIntVar(
      'DATABASE_CONNECT_TIMEOUT_MS',
      str('DATABASE_CONNECT_TIMEOUT_MS'),
      5_000,
      100,
      60_000,
      problems,
    ),
  };

  const database = parseDatabaseUrl(str('DATABASE_URL'), isProduction, problems);
  const replicaUrls = parseReplicaUrls(str('DATABASE_REPLICA_URLS'), database, isProduction, problems);

  const redisUrl = str('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push('REDIS_URL must start with redis:// or rediss://');
  }
  const redisKeyPrefix = str('REDIS_KEY_PREFIX') ?? 'peerpals:';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisKeyPrefix))
    problems.push('REDIS_KEY_PREFIX may only contain letters, digits and : _ . - (at most 64)');
  const eventRelaySecret = str('EVENT_RELAY_SECRET');
  if (eventRelaySecret && Buffer.byteLength(eventRelaySecret, 'utf8') < MIN_SECRET_BYTES)
    problems.push(`EVENT_RELAY_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);

  let jwtSecret = str('JWT_SECRET');
  let jwtSecretIsEphemeral = false;
  if (!jwtSecret) {
    if (isProduction) {
      problems.push('JWT_SECRET is required in production (at least 32 bytes of random data)');
    } else {
      jwtSecret = randomBytes(48).toString('base64url');
      jwtSecretIsEphemeral = true;
    }
  } else if (isProduction && Buffer.byteLength(jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
    problems.push(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes in production`);
  } else if (isProduction && WEAK_SECRETS.has(jwtSecret.toLowerCase())) {
    problems.push('JWT_SECRET is a well-known default; generate a random one');
  }

  const publicUrl = (str('PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!isHttpUrl(publicUrl)) problems.push('PUBLIC_URL must be an http(s) URL');

  const corsOrigins = (str('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*') {
      problems.push('CORS_ORIGINS must list origins explicitly; "*" is not allowed');
    } else if (!isHttpUrl(origin)) {
      problems.push(`CORS_ORIGINS contains an invalid origin "${origin}"`);
    }
  }

  const smtpUrl = str('SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');

  const seedDemo = parseBoolVar('SEED_DEMO', str('SEED_DEMO'), database.type === 'sqlite' && !isProduction, problems);
  if (seedDemo && isProduction) {
    problems.push(
      'SEED_DEMO must be off in production: the demo programme has an admin with a published password (use the CLI create-admin command)',
    );
  }
  const swaggerEnabled = parseBoolVar('SWAGGER_ENABLED', str('SWAGGER_ENABLED'), !isProduction, problems);
  const trustProxy = parseTrustProxy(str('TRUST_PROXY'), problems);

  const logLevel = str('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (isProduction && (logLevel === 'debug' || logLevel === 'trace')) {
    problems.push('LOG_LEVEL debug/trace is not allowed in production');
  }

  const rateLimits: RateLimits = {
    api: parseIntVar('RATE_LIMIT_API_PER_MINUTE', str('RATE_LIMIT_API_PER_MINUTE'), 600, 1, 1_000_000, problems),
    authPerIp: parseIntVar('RATE_LIMIT_AUTH_PER_MINUTE', str('RATE_LIMIT_AUTH_PER_MINUTE'), 30, 1, 1_000_000, problems),
    authPerAccount: parseIntVar(
      'RATE_LIMIT_ACCOUNT_PER_MINUTE',
      str('RATE_LIMIT_ACCOUNT_PER_MINUTE'),
      10,
      1,
      1_000_000,
      problems,
    ),
  };

  const typeormSync = str('TYPEORM_SYNCHRONIZE');
  if (typeormSync && typeormSync !== 'false') {
    problems.push('TYPEORM_SYNCHRONIZE is not supported: the schema changes only through migrations');
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    nodeEnv,
    isProduction,
    port,
    host: str('HOST') ?? '0.0.0.0',
    database: { ...database, ...databaseTimeouts, ...(replicaUrls.length > 0 ? { replicaUrls } : {}) },
    redisUrl,
    redisKeyPrefix,
    eventRelaySecret,
    jwtSecret: jwtSecret as string,
    jwtSecretIsEphemeral,
    publicUrl,
    corsOrigins,
    smtpUrl,
    seedDemo,
    swaggerEnabled,
    logLevel,
    bodyLimitBytes,
    shutdownDrainMs,
    trustProxy,
    frontendDist: str('FRONTEND_DIST'),
    rateLimits,
  };
}

export function parseDatabaseUrl(raw: string | undefined, isProduction: boolean, problems: string[]): DatabaseConfig {
  const url = raw ?? `sqlite:${DEFAULT_SQLITE_PATH}`;
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '') || DEFAULT_SQLITE_PATH;
    return { type: 'sqlite', url, path };
  }
  if (url.startsWith('mysql://')) {
    try {
      const parsed = new URL(url);
      if (!parsed.hostname || parsed.pathname.length < 2) {
        problems.push('DATABASE_URL must name a host and a database: mysql://user:pass@host:3306/db');
      }
      if (
        isProduction &&
        (!parsed.password || ['password', 'root', 'peerpals', 'changeme'].includes(decodeURIComponent(parsed.password)))
      ) {
        problems.push('DATABASE_URL must carry a non-default database password in production');
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL');
    }
    return { type: 'mysql', url };
  }
  problems.push('DATABASE_URL must be sqlite:<path> or mysql://user:pass@host:3306/db');
  return { type: 'sqlite', url, path: DEFAULT_SQLITE_PATH };
}

/** `DATABASE_REPLICA_URLS`: comma-separated mysql:// URLs of read replicas of the `DATABASE_URL` primary. */
export function parseReplicaUrls(
  raw: string | undefined,
  primary: DatabaseConfig,
  isProduction: boolean,
  problems: string[],
): string[] {
  const urls = (raw ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (urls.length === 0) return [];
  if (primary.type !== 'mysql') {
    problems.push('DATABASE_REPLICA_URLS needs a mysql:// DATABASE_URL (the primary)');
    return [];
  }
  const replicaProblems: string[] = [];
  for (const url of urls) {
    if (!url.startsWith('mysql://'))
      replicaProblems.push('DATABASE_REPLICA_URLS must list mysql://user:pass@host:3306/db URLs');
    else parseDatabaseUrl(url, isProduction, replicaProblems);
  }
  problems.push(...[...new Set(replicaProblems)].map((p) => p.replace(/^DATABASE_URL/, 'DATABASE_REPLICA_URLS')));
  return urls;
}

const MAX_PROXY_HOPS = 10;
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * `TRUST_PROXY`: how many proxies stand in front of the app, or which addresses they have. Never
 * "trust everyone": then the client's own `X-Forwarded-For` picks the address that rate limits count.
 */
export function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  if (raw === undefined || ['false', 'no', 'off', '0'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    problems.push(
      `TRUST_PROXY=${raw} would believe any X-Forwarded-For a client sends; ` +
        'set the number of proxies in front of the app (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.0/8,192.168.1.10)',
    );
    return false;
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > MAX_PROXY_HOPS) {
      problems.push(
        `TRUST_PROXY must be a hop count between 1 and ${MAX_PROXY_HOPS}, or proxy addresses/CIDRs (got "${raw}")`,
      );
      return false;
    }
    return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const invalid = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || invalid.length > 0) {
    problems.push(
      `TRUST_PROXY must be a hop count (e.g. 1) or comma-separated proxy addresses/CIDRs (invalid: "${invalid.join('", "') || raw}")`,
    );
    return false;
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function parseIntVar(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function parseBoolVar(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
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
