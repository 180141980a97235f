import { loadConfig } from '../config/env';
import { databaseOptions } from './database-options';

const PRIMARY = 'mysql://app:secret@primary.db:3306/peerpals';

describe(databaseOptions.name, () => {
  it('should connect to the one DATABASE_URL when no replicas are configured', () => {
    const options = databaseOptions(loadConfig({ DATABASE_URL: PRIMARY }).database) as unknown as Record<
      string,
      unknown
    >;
    expect(options['url']).toBe(PRIMARY);
    expect(options['replication']).toBeUndefined();
  });

  it('should make DATABASE_URL the primary and each DATABASE_REPLICA_URLS entry a replica', () => {
    const config = loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: 'mysql://ro:secret@replica1.db:3306/peerpals, mysql://ro:secret@replica2.db:3306/peerpals',
    });
    const options = databaseOptions(config.database) as unknown as {
      url?: string;
      replication: { master: { url: string }; slaves: { url: string }[] };
    };
    expect(options.url).toBeUndefined();
    expect(options.replication.master).toEqual({ url: PRIMARY });
    expect(options.replication.slaves).toEqual([
      { url: 'mysql://ro:secret@replica1.db:3306/peerpals' },
      { url: 'mysql://ro:secret@replica2.db:3306/peerpals' },
    ]);
  });

  it('should send every query to the primary unless a read explicitly asks for a replica', () => {
    const config = loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: 'mysql://ro:secret@replica1.db:3306/peerpals',
    });
    const options = databaseOptions(config.database) as unknown as { replication: { defaultMode: string } };
    expect(options.replication.defaultMode).toBe('master');
  });

  it('should keep migrations, charset and time zone with replicas', () => {
    const config = loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: 'mysql://ro:secret@replica1.db:3306/peerpals',
    });
    const options = databaseOptions(config.database) as unknown as Record<string, unknown>;
    expect(options).toMatchObject({
      type: 'mysql',
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      synchronize: false,
      migrationsTableName: 'typeorm_migrations',
    });
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
  };

  it('should be refused without a MySQL primary', () => {
    expect(problemsOf({ DATABASE_REPLICA_URLS: 'mysql://ro:secret@replica1.db:3306/peerpals' })).toEqual([
      expect.stringContaining('DATABASE_REPLICA_URLS needs a mysql:// DATABASE_URL'),
    ]);
  });

  it('should refuse an entry that is not a mysql:// URL, naming the variable', () => {
    expect(problemsOf({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'postgres://replica1.db/peerpals' })).toEqual([
      expect.stringContaining('DATABASE_REPLICA_URLS'),
    ]);
  });

  it('should refuse a password-less replica URL in production', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40) + 'y'.repeat(8),
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: 'mysql://ro@replica1.db:3306/peerpals',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_REPLICA_URLS must carry a non-default database password/),
    ]);
  });

  it('should ignore an empty value', () => {
    expect(loadConfig({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: ' , ' }).database.replicaUrls).toBeUndefined();
  });
});
