import { DataSource } from 'typeorm';
import { newId } from '../../src/common/crypto';
import { loadConfig } from '../../src/config/env';
import { databaseOptions, toDbTimestamp } from '../../src/database/database-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { RecordAdminProvenance1764810000000 } from '../../src/database/migrations/1764810000000-record-admin-provenance';
import { TEST_JWT_SECRET } from '../utils/test-app';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const DAY_MS = 86_400_000;
const stamp = (migration: (typeof MIGRATIONS)[number]) => Number(/(\d{13})$/.exec(new migration().name)![1]);
const OURS = stamp(RecordAdminProvenance1764810000000);

/** SQLite answers `YYYY-MM-DD HH:MM:SS.SSS` (UTC), MySQL a Date. */
function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(`${value.replace(' ', 'T')}Z`).toISOString();
}

interface Row {
  id: string;
  created_by: string | null;
  admin_via: string | null;
  admin_since: Date | string | null;
  admin_by: string | null;
}

/** Accounts made before the provenance columns existed get them from the audit log, conservatively. */
describe('Admin provenance migration', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const at = (daysAgo: number) => new Date(Date.UTC(2026, 0, 31) - daysAgo * DAY_MS);

  const open = async (upTo: (stamp: number) => boolean) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      FRONTEND_DIST: '/nonexistent',
    });
    const source = new DataSource({
      ...databaseOptions(config.database),
      migrations: MIGRATIONS.filter((m) => upTo(stamp(m))),
    } as ConstructorParameters<typeof DataSource>[0]);
    await source.initialize();
    return source;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await open((s) => s < OURS);
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db.drop();
  });

  const ids = {
    cli: newId(),
    portal: newId(),
    promoted: newId(),
    untraced: newId(),
    student: newId(),
    demoted: newId(),
  };

  async function user(id: string, role: string, createdDaysAgo: number): Promise<void> {
    await dataSource.query(
      'INSERT INTO users (id, email, display_name, role, active, time_zone, token_version, feed_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)',
      [
        id,
        `${id}@test.example`,
        `User ${role}`,
        role,
        1,
        'UTC',
        toDbTimestamp(at(createdDaysAgo)),
        toDbTimestamp(at(createdDaysAgo)),
      ],
    );
  }

  async function audit(
    actorId: string | null,
    action: string,
    targetId: string,
    details: object,
    daysAgo: number,
  ): Promise<void> {
    await dataSource.query(
      'INSERT INTO audit_log (id, actor_id, action, target_type, target_id, details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [newId(), actorId, action, 'user', targetId, JSON.stringify(details), toDbTimestamp(at(daysAgo))],
    );
  }

  it('should fill creator and admin provenance from the audit log, and drop the columns again on the way down', async () => {
    await user(ids.cli, 'admin', 40);
    await audit(null, 'user.created', ids.cli, { role: 'admin', via: 'cli' }, 40);
    await user(ids.portal, 'admin', 30);
    await audit(ids.cli, 'user.created', ids.portal, { role: 'admin' }, 30);
    // Created as a student, promoted, demoted, promoted again by someone else: the last promotion counts.
    await user(ids.promoted, 'admin', 20);
    await audit(ids.portal, 'user.created', ids.promoted, { role: 'student' }, 20);
    await audit(ids.portal, 'user.updated', ids.promoted, { role: { from: 'student', to: 'admin' } }, 15);
    await audit(ids.portal, 'user.updated', ids.promoted, { role: { from: 'admin', to: 'mentor' } }, 12);
    await audit(
      ids.cli,
      'user.updated',
      ids.promoted,
      { role: { from: 'mentor', to: 'admin' }, displayName: { from: 'A', to: 'B' } },
      10,
    );
    await user(ids.untraced, 'admin', 5);
    await user(ids.student, 'student', 3);
    await audit(ids.portal, 'user.created', ids.student, { role: 'student', via: 'csv-import', line: 2 }, 3);
    await user(ids.demoted, 'mentor', 25);
    await audit(ids.cli, 'user.created', ids.demoted, { role: 'admin' }, 25);
    await audit(ids.cli, 'user.updated', ids.demoted, { role: { from: 'admin', to: 'mentor' } }, 24);
    await dataSource.destroy();

    dataSource = await open((s) => s <= OURS);
    expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([
      'RecordAdminProvenance1764810000000',
    ]);
    const rows: Row[] = await dataSource.query('SELECT id, created_by, admin_via, admin_since, admin_by FROM users');
    const byId = new Map(rows.map((r) => [r.id, { ...r, admin_since: iso(r.admin_since) }]));

    expect(byId.get(ids.cli)).toMatchObject({
      created_by: null,
      admin_via: 'cli',
      admin_since: at(40).toISOString(),
      admin_by: null,
    });
    expect(byId.get(ids.portal)).toMatchObject({
      created_by: ids.cli,
      admin_via: 'admin',
      admin_since: at(30).toISOString(),
      admin_by: ids.cli,
    });
    expect(byId.get(ids.promoted)).toMatchObject({
      created_by: ids.portal,
      admin_via: 'admin',
      admin_since: at(10).toISOString(),
      admin_by: ids.cli,
    });
    // No trace in the audit log: treated as made by another admin when the account was created.
    expect(byId.get(ids.untraced)).toMatchObject({
      created_by: null,
      admin_via: 'admin',
      admin_since: at(5).toISOString(),
      admin_by: null,
    });
    expect(byId.get(ids.student)).toMatchObject({
      created_by: ids.portal,
      admin_via: null,
      admin_since: null,
      admin_by: null,
    });
    expect(byId.get(ids.demoted)).toMatchObject({
      created_by: ids.cli,
      admin_via: null,
      admin_since: null,
      admin_by: null,
    });

    await dataSource.undoLastMigration({ transaction: 'each' });
    await expect(dataSource.query('SELECT admin_via FROM users')).rejects.toThrow();
    expect(Number((await dataSource.query('SELECT COUNT(*) AS n FROM users'))[0].n)).toBe(6);
  });
});
