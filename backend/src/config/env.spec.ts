import { ConfigError, DEFAULT_SQLITE_PATH, loadConfig } from './env';

const STRONG_SECRET = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(8);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe(loadConfig.name, () => {
  it('should default to the embedded SQLite database with demo data in development', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({
      type: 'sqlite',
      url: `sqlite:${DEFAULT_SQLITE_PATH}`,
      path: DEFAULT_SQLITE_PATH,
      queryTimeoutMs: 15_000,
      connectTimeoutMs: 5_000,
    });
    expect(config.shutdownDrainMs).toBe(0);
    expect(config.port).toBe(3000);
    expect(config.seedDemo).toBe(true);
    expect(config.swaggerEnabled).toBe(true);
    expect(config.jwtSecretIsEphemeral).toBe(true);
  });

  it('should choose MySQL for a mysql:// URL and not seed it by default', () => {
    const config = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/peerpals' });
    expect(config.database.type).toBe('mysql');
    expect(config.seedDemo).toBe(false);
  });

  it('should refuse production without a JWT secret, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it('should refuse a production JWT secret shorter than 32 bytes', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(31) })).toEqual([
      expect.stringMatching(/JWT_SECRET.*32 bytes/),
    ]);
  });

  it('should take an optional event relay secret of at least 32 bytes', () => {
    expect(loadConfig({}).eventRelaySecret).toBeUndefined();
    expect(loadConfig({ EVENT_RELAY_SECRET: STRONG_SECRET }).eventRelaySecret).toBe(STRONG_SECRET);
    expect(problemsOf({ EVENT_RELAY_SECRET: 'x'.repeat(31) })).toEqual([
      expect.stringMatching(/EVENT_RELAY_SECRET.*32 bytes/),
    ]);
  });

  it('should accept a strong production secret and turn Swagger and demo data off', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });
    expect(config.isProduction).toBe(true);
    expect(config.swaggerEnabled).toBe(false);
    expect(config.seedDemo).toBe(false);
  });

  it('should let production enable Swagger explicitly', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, SWAGGER_ENABLED: 'true' }).swaggerEnabled,
    ).toBe(true);
  });

  it('should refuse a password-less MySQL URL in production', () => {
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, DATABASE_URL: 'mysql://root@db:3306/peerpals' }),
    ).toEqual([expect.stringContaining('DATABASE_URL')]);
  });

  it('should refuse a wildcard CORS origin', () => {
    expect(problemsOf({ CORS_ORIGINS: '*' })).toEqual([expect.stringContaining('CORS_ORIGINS')]);
  });

  it('should refuse schema synchronisation', () => {
    expect(problemsOf({ TYPEORM_SYNCHRONIZE: 'true' })).toEqual([expect.stringContaining('TYPEORM_SYNCHRONIZE')]);
  });

  it('should report every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x',
      REDIS_URL: 'http://x',
      SEED_DEMO: 'maybe',
    });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'DATABASE_URL', 'REDIS_URL', 'SEED_DEMO']);
  });

  it('should bound database waits and drain for a while before stopping in production', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://app:s3cret-pass@db:3306/peerpals',
      DATABASE_QUERY_TIMEOUT_MS: '2500',
      DATABASE_CONNECT_TIMEOUT_MS: '1000',
      SHUTDOWN_DRAIN_MS: '0',
    });
    expect(config.database).toMatchObject({ queryTimeoutMs: 2500, connectTimeoutMs: 1000 });
    expect(config.shutdownDrainMs).toBe(0);
    expect(
      problemsOf({ DATABASE_QUERY_TIMEOUT_MS: '0', DATABASE_CONNECT_TIMEOUT_MS: 'soon' }).map((p) => p.split(' ')[0]),
    ).toEqual(['DATABASE_QUERY_TIMEOUT_MS', 'DATABASE_CONNECT_TIMEOUT_MS']);
  });

  it('should refuse the demo programme in production, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, SEED_DEMO: 'true' })).toEqual([
      expect.stringMatching(/^SEED_DEMO .*production/),
    ]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET, SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(loadConfig({ SEED_DEMO: 'true', DATABASE_URL: 'mysql://root@127.0.0.1:3306/peerpals' }).seedDemo).toBe(true);
  });

  describe('TRUST_PROXY', () => {
    it('should be off unless set', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      for (const off of ['false', 'no', '0', '']) expect(loadConfig({ TRUST_PROXY: off }).trustProxy).toBe(false);
    });

    it('should take a hop count', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    });

    it('should take proxy addresses and CIDRs', () => {
      expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,fd00::/8,::1,loopback' }).trustProxy).toEqual([
        '10.0.0.0/8',
        '192.168.1.10',
        'fd00::/8',
        '::1',
        'loopback',
      ]);
    });

    it.each(['true', 'TRUE', 'yes', 'on'])('should refuse %s, saying what to set instead', (value) => {
      expect(problemsOf({ TRUST_PROXY: value })).toEqual([
        expect.stringMatching(/^TRUST_PROXY=.*number of proxies.*addresses\/CIDRs/),
      ]);
    });

    it.each(['11', '-1', '1.5', '10.0.0.0/33', '300.1.1.1', 'proxy.internal', '10.0.0.1/8/2', ',', 'fd00::/129'])(
      'should refuse %s',
      (value) => {
        expect(problemsOf({ TRUST_PROXY: value })).toEqual([expect.stringMatching(/^TRUST_PROXY /)]);
      },
    );
  });
});
