import { DataSource, MigrationInterface } from 'typeorm';
import { loadConfig } from '../../src/config/env';
import { databaseOptions, toDbTimestamp } from '../../src/database/database-options';
import { MIGRATIONS } from '../../src/database/migrations';
import { DiscussionTextOutOfDerivedData1764820000000 } from '../../src/database/migrations/1764820000000-discussion-text-out-of-derived-data';
import { TEST_JWT_SECRET } from '../utils/test-app';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

const stampOf = (migration: new () => MigrationInterface) =>
  Number(/\d{13}$/.exec(new migration().name ?? '')?.[0] ?? 0);
const OURS = stampOf(DiscussionTextOutOfDerivedData1764820000000);

/** Data stored before discussion notifications stopped copying titles and post text, then migrated. */
describe('Migration: discussion text out of derived data', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const now = toDbTimestamp(new Date());
  const userId = '00000000-0000-4000-8000-000000000001';
  const threadId = '00000000-0000-4000-8000-0000000000a1';

  const rows = async (sql: string, params: unknown[] = []) =>
    (await dataSource.query(sql, params)) as Record<string, unknown>[];
  const notification = (id: string, type: string, title: string, body: string) =>
    dataSource.query(
      'INSERT INTO notifications (id, user_id, type, title, body, link, subject_type, subject_id, read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
      [id, userId, type, title, body, `/discussions/${threadId}`, 'thread', threadId, now],
    );
  const logged = (type: string, payload: object) =>
    dataSource.query('INSERT INTO event_log (channel, user_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?)', [
      'user',
      userId,
      type,
      JSON.stringify(payload),
      now,
    ]);

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      FRONTEND_DIST: '/nonexistent',
    });
    const options = databaseOptions(config.database);
    dataSource = new DataSource({
      ...options,
      migrations: MIGRATIONS.filter((m) => stampOf(m) < OURS),
    } as typeof options);
    await dataSource.initialize();
    await dataSource.runMigrations();

    await dataSource.query(
      'INSERT INTO users (id, email, display_name, role, active, time_zone, token_version, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, 0, ?, ?)',
      [userId, 'old.data@uni.example', 'Old Data', 'student', 'Europe/London', now, now],
    );
    await dataSource.query(
      'INSERT INTO discussion_threads (id, author_id, audience, title, tags, locked, reply_count, last_activity_at, created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)',
      [threadId, userId, 'community', 'Old-title-4rf5', '', now, now],
    );
    await notification(
      '10000000-0000-4000-8000-000000000001',
      'discussion.reply',
      'New reply in “Old-title-4rf5”',
      'Anonymous Panda: I am Old-excerpt-7yh6, room 12B',
    );
    await notification(
      '10000000-0000-4000-8000-000000000002',
      'discussion.reply',
      'New reply in “Old-title-4rf5”',
      'Dr. Who: Ratio: Old-excerpt-1qa2',
    );
    await notification(
      '10000000-0000-4000-8000-000000000003',
      'discussion.answer_accepted',
      'Your answer was accepted',
      'In “Old-title-4rf5”.',
    );
    await notification(
      '10000000-0000-4000-8000-000000000004',
      'discussion.revealed',
      'Your identity was revealed to two admins',
      'Two programme admins approved revealing that you wrote an anonymous post in “Old-title-4rf5 Reason given: sneaky”. Reason given: A safeguarding concern',
    );
    await notification(
      '10000000-0000-4000-8000-000000000005',
      'request.created',
      'New request from Old Data',
      '“Keep-this-topic” — answer by Monday.',
    );
    await logged('notification', {
      id: 'n1',
      type: 'discussion.reply',
      title: 'New reply in “Old-title-4rf5”',
      body: 'Anonymous Panda: Old-excerpt-7yh6',
    });
    await logged('notification', {
      id: 'n2',
      type: 'discussion.answer_accepted',
      title: 'Your answer was accepted',
      body: 'In “Old-title-4rf5”.',
    });
    await logged('notification', {
      id: 'n3',
      type: 'discussion.revealed',
      title: 'Your identity was revealed',
      body: 'in “Old-title-4rf5”',
    });
    await logged('notification', {
      id: 'n4',
      type: 'request.created',
      title: 'New request',
      body: 'quoting "type":"discussion.reply" in a topic',
    });

    await new DataSource({ ...options } as typeof options).initialize().then(async (full) => {
      await full.runMigrations();
      await full.destroy();
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('should rewrite stored discussion notifications so they keep neither titles nor post text', async () => {
    const stored = await rows('SELECT id, type, title, body FROM notifications ORDER BY id');
    expect(stored.map(({ title, body }) => [title, body])).toEqual([
      ['New reply in one of your threads', 'Anonymous Panda replied.'],
      ['New reply in one of your threads', 'Dr. Who replied.'],
      ['Your answer was accepted', 'The person who asked marked your reply as the accepted answer.'],
      [
        'Your identity was revealed to two admins',
        'Two programme admins approved revealing that you wrote an anonymous post. Reason given: A safeguarding concern',
      ],
      ['New request from Old Data', '“Keep-this-topic” — answer by Monday.'],
    ]);
    expect(JSON.stringify(stored)).not.toMatch(/Old-title|Old-excerpt|room 12B|sneaky/);
  });

  it('should delete the replay rows that copied discussion text and keep the others', async () => {
    const left = await rows('SELECT payload FROM event_log');
    expect(left.map((r) => JSON.parse(r['payload'] as string).id)).toEqual(['n4']);
  });

  it('should add a hidden flag, off for existing threads, and drop it again on the way down', async () => {
    expect(
      (await rows('SELECT hidden FROM discussion_threads WHERE id = ?', [threadId])).map((r) => Number(r['hidden'])),
    ).toEqual([0]);
    const runner = dataSource.createQueryRunner();
    try {
      await new DiscussionTextOutOfDerivedData1764820000000().down(runner);
      expect((await runner.getTable('discussion_threads'))?.columns.map((c) => c.name)).not.toContain('hidden');
      expect(
        (await rows('SELECT title FROM discussion_threads WHERE id = ?', [threadId])).map((r) => r['title']),
      ).toEqual(['Old-title-4rf5']);
    } finally {
      await runner.release();
    }
  });
});
