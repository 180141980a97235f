import { IsIn, IsOptional, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { isIP } from 'node:net';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const DEFAULT_SQLITE_PATH = 'data/peerpals.sqlite';
export const MIN_SECRET_BYTES = 32;
export const MAX_PROXY_HOPS = 10;
const WEAK_SECRETS = new Set(['changeme', 'change-me', 'secret', 'jwt_secret', 'peerpals']);
const DEFAULT_DB_PASSWORDS = ['password', 'root', 'peerpals', 'changeme'];
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ON = ['1', 'true', 'yes', 'on'];
const OFF = ['0', 'false', 'no', 'off'];

type Rule = (value: string | undefined, env: EnvironmentVariables, name: string) => readonly string[];

/**
 * A check class-validator has no decorator for. `problems` returns what is wrong with the value,
 * each message naming the variable; a check may find several problems (one per line).
 */
function EnvRule(name: string, problems: Rule): PropertyDecorator {
  const found = (value: unknown, env: object, property: string) =>
    problems(value as string | undefined, env as EnvironmentVariables, property);
  return ValidateBy({
    name,
    validator: {
      validate: (value, args) => found(value, args!.object, args!.property).length === 0,
      defaultMessage: (args) => found(args!.value, args!.object, args!.property).join('\n'),
    },
  });
}

const IsIntegerBetween = (min: number, max: number) =>
  EnvRule('isIntegerBetween', (value, _env, name) => {
    const number = Number(value);
    return Number.isInteger(number) && number >= min && number <= max
      ? []
      : [`${name} must be an integer between ${min} and ${max} (got "${value}")`];
  });

const IsOnOff = () =>
  EnvRule('isOnOff', (value, _env, name) =>
    onOff(value) === undefined ? [`${name} must be true or false (got "${value}")`] : [],
  );

const IsAtLeastSecretLength = () =>
  EnvRule('isAtLeastSecretLength', (value, _env, name) =>
    Buffer.byteLength(value ?? '', 'utf8') < MIN_SECRET_BYTES
      ? [`${name} must be at least ${MIN_SECRET_BYTES} bytes`]
      : [],
  );

/** The value as a boolean, or undefined when it is neither on nor off. */
export function onOff(value: string | undefined): boolean | undefined {
  const lower = value?.toLowerCase() ?? '';
  if (ON.includes(lower)) return true;
  if (OFF.includes(lower)) return false;
  return undefined;
}

export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export function withoutTrailingSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function mysqlUrlProblems(url: string, isProduction: boolean, name: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [`${name} is not a valid URL`];
  }
  const problems: string[] = [];
  if (!parsed.hostname || parsed.pathname.length < 2) {
    problems.push(`${name} must name a host and a database: mysql://user:pass@host:3306/db`);
  }
  if (isProduction && (!parsed.password || DEFAULT_DB_PASSWORDS.includes(decodeURIComponent(parsed.password)))) {
    problems.push(`${name} must carry a non-default database password in production`);
  }
  return problems;
}

function databaseUrlProblems(value: string | undefined, env: EnvironmentVariables, name: string): string[] {
  if (value === undefined || value.startsWith('sqlite:')) return [];
  if (value.startsWith('mysql://')) return mysqlUrlProblems(value, env.isProduction, name);
  return [`${name} must be sqlite:<path> or mysql://user:pass@host:3306/db`];
}

function replicaUrlProblems(value: string | undefined, env: EnvironmentVariables, name: string): string[] {
  const urls = listOf(value);
  if (urls.length === 0) return [];
  if (!env.DATABASE_URL?.startsWith('mysql://')) return [`${name} needs a mysql:// DATABASE_URL (the primary)`];
  const problems = urls.flatMap((url) =>
    url.startsWith('mysql://')
      ? mysqlUrlProblems(url, env.isProduction, name)
      : [`${name} must list mysql://user:pass@host:3306/db URLs`],
  );
  return [...new Set(problems)];
}

function jwtSecretProblems(value: string | undefined): string[] {
  if (value === undefined) return ['JWT_SECRET is required in production (at least 32 bytes of random data)'];
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES)
    return [`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes in production`];
  if (WEAK_SECRETS.has(value.toLowerCase())) return ['JWT_SECRET is a well-known default; generate a random one'];
  return [];
}

function corsOriginProblems(value: string | undefined): string[] {
  return listOf(value)
    .map(withoutTrailingSlashes)
    .filter(Boolean)
    .flatMap((origin) => {
      if (origin === '*') return ['CORS_ORIGINS must list origins explicitly; "*" is not allowed'];
      return isHttpUrl(origin) ? [] : [`CORS_ORIGINS contains an invalid origin "${origin}"`];
    });
}

/**
 * `TRUST_PROXY`: how many proxies stand in front of the app, or which addresses they have. Never
 * "trust everyone": then the client's own `X-Forwarded-For` picks the address that rate limits count.
 */
function trustProxyProblems(raw: string | undefined): string[] {
  if (raw === undefined || OFF.includes(raw.toLowerCase())) return [];
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) {
    return [
      `TRUST_PROXY=${raw} would believe any X-Forwarded-For a client sends; ` +
        'set the number of proxies in front of the app (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.0/8,192.168.1.10)',
    ];
  }
  if (/^\d+$/.test(raw)) {
    return Number(raw) > MAX_PROXY_HOPS
      ? [`TRUST_PROXY must be a hop count between 1 and ${MAX_PROXY_HOPS}, or proxy addresses/CIDRs (got "${raw}")`]
      : [];
  }
  const entries = listOf(raw);
  const invalid = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length > 0 && invalid.length === 0) return [];
  return [
    `TRUST_PROXY must be a hop count (e.g. 1) or comma-separated proxy addresses/CIDRs (invalid: "${invalid.join('", "') || raw}")`,
  ];
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Every variable PeerPals reads, as the trimmed text of the environment (an empty value counts as
 * unset). Properties are checked in this order, so the problems are reported in it too.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(NODE_ENVS, {
    message: (args) => `NODE_ENV must be one of ${NODE_ENVS.join(', ')} (got "${args.value}")`,
  })
  NODE_ENV?: string;

  @IsOptional()
  @IsIntegerBetween(0, 65535)
  PORT?: string;

  @IsOptional()
  @IsIntegerBetween(1024, 50 * 1_048_576)
  BODY_LIMIT_BYTES?: string;

  @IsOptional()
  @IsIntegerBetween(0, 120_000)
  SHUTDOWN_DRAIN_MS?: string;

  @IsOptional()
  @IsIntegerBetween(100, 600_000)
  DATABASE_QUERY_TIMEOUT_MS?: string;

  @IsOptional()
  @IsIntegerBetween(100, 60_000)
  DATABASE_CONNECT_TIMEOUT_MS?: string;

  @EnvRule('isDatabaseUrl', databaseUrlProblems)
  DATABASE_URL?: string;

  @EnvRule('isReplicaUrlList', replicaUrlProblems)
  DATABASE_REPLICA_URLS?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX may only contain letters, digits and : _ . - (at most 64)',
  })
  REDIS_KEY_PREFIX?: string;

  @IsOptional()
  @IsAtLeastSecretLength()
  EVENT_RELAY_SECRET?: string;

  @ValidateIf((env: EnvironmentVariables) => env.isProduction)
  @EnvRule('isStrongSecret', jwtSecretProblems)
  JWT_SECRET?: string;

  @IsOptional()
  @EnvRule('isHttpUrl', (value) =>
    isHttpUrl(withoutTrailingSlashes(value!)) ? [] : ['PUBLIC_URL must be an http(s) URL'],
  )
  PUBLIC_URL?: string;

  @EnvRule('isOriginList', corsOriginProblems)
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsOptional()
  @IsOnOff()
  @EnvRule('isOffInProduction', (value, env) =>
    env.isProduction && onOff(value)
      ? [
          'SEED_DEMO must be off in production: the demo programme has an admin with a published password (use the CLI create-admin command)',
        ]
      : [],
  )
  SEED_DEMO?: string;

  @IsOptional()
  @IsOnOff()
  SWAGGER_ENABLED?: string;

  @EnvRule('isTrustedProxies', trustProxyProblems)
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  @EnvRule('isAllowedInProduction', (value, env) =>
    env.isProduction && (value === 'debug' || value === 'trace')
      ? ['LOG_LEVEL debug/trace is not allowed in production']
      : [],
  )
  LOG_LEVEL?: string;

  @IsOptional()
  @IsIntegerBetween(1, 1_000_000)
  RATE_LIMIT_API_PER_MINUTE?: string;

  @IsOptional()
  @IsIntegerBetween(1, 1_000_000)
  RATE_LIMIT_AUTH_PER_MINUTE?: string;

  @IsOptional()
  @IsIntegerBetween(1, 1_000_000)
  RATE_LIMIT_ACCOUNT_PER_MINUTE?: string;

  @IsOptional()
  @IsIn(['false'], { message: 'TYPEORM_SYNCHRONIZE is not supported: the schema changes only through migrations' })
  TYPEORM_SYNCHRONIZE?: string;

  HOST?: string;
  FRONTEND_DIST?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
