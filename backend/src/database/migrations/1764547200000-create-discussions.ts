import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { toDbTimestamp } from '../database-options';

const uuid = (name: string, nullable = false, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
  isPrimary: primary,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const fk = (name: string, column: string, table: string) => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE' as const,
});

export class CreateDiscussions1764547200000 implements MigrationInterface {
  name = 'CreateDiscussions1764547200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'discussion_threads',
        columns: [
          uuid('id', false, true),
          // Never leaves the server for anonymous threads: only the view mapper reads it.
          uuid('author_id'),
          { name: 'audience', type: 'varchar', length: '16' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'tags', type: 'varchar', length: '400' },
          { name: 'locked', type: 'boolean', default: false },
          uuid('accepted_post_id', true),
          { name: 'reply_count', type: 'int', default: 0 },
          timestamp('last_activity_at'),
          timestamp('created_at'),
        ],
        indices: [
          { name: 'ix_threads_activity', columnNames: ['last_activity_at', 'id'] },
          { name: 'ix_threads_audience_activity', columnNames: ['audience', 'last_activity_at', 'id'] },
          { name: 'ix_threads_author', columnNames: ['author_id'] },
        ],
        foreignKeys: [fk('fk_threads_author', 'author_id', 'users')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'discussion_thread_tags',
        columns: [
          uuid('thread_id', false, true),
          { name: 'tag', type: 'varchar', length: '40', isPrimary: true },
          timestamp('last_activity_at'),
        ],
        indices: [{ name: 'ix_thread_tags_tag', columnNames: ['tag', 'last_activity_at', 'thread_id'] }],
        foreignKeys: [fk('fk_thread_tags_thread', 'thread_id', 'discussion_threads')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'discussion_posts',
        columns: [
          uuid('id', false, true),
          uuid('thread_id'),
          uuid('author_id'),
          { name: 'is_opening', type: 'boolean', default: false },
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'body', type: 'text' },
          { name: 'hidden', type: 'boolean', default: false },
          timestamp('deleted_at', true),
          timestamp('edited_at', true),
          timestamp('created_at'),
        ],
        indices: [
          { name: 'ix_posts_thread', columnNames: ['thread_id', 'is_opening', 'created_at', 'id'] },
          { name: 'ix_posts_author', columnNames: ['author_id', 'created_at'] },
        ],
        foreignKeys: [
          fk('fk_posts_thread', 'thread_id', 'discussion_threads'),
          fk('fk_posts_author', 'author_id', 'users'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'post_reports',
        columns: [
          uuid('id', false, true),
          uuid('post_id'),
          uuid('reporter_id'),
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'status', type: 'varchar', length: '16' },
          timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_post_reports_once', columnNames: ['post_id', 'reporter_id'] }],
        indices: [{ name: 'ix_post_reports_status', columnNames: ['status', 'created_at', 'id'] }],
        foreignKeys: [
          fk('fk_post_reports_post', 'post_id', 'discussion_posts'),
          fk('fk_post_reports_reporter', 'reporter_id', 'users'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reveal_requests',
        columns: [
          uuid('id', false, true),
          uuid('post_id'),
          uuid('requested_by'),
          { name: 'reason', type: 'varchar', length: '1000' },
          { name: 'status', type: 'varchar', length: '16' },
          uuid('decided_by', true),
          timestamp('decided_at', true),
          timestamp('created_at'),
        ],
        indices: [{ name: 'ix_reveal_requests_created', columnNames: ['created_at', 'id'] }],
        foreignKeys: [
          fk('fk_reveal_requests_post', 'post_id', 'discussion_posts'),
          fk('fk_reveal_requests_requester', 'requested_by', 'users'),
        ],
      }),
    );

    if (queryRunner.connection.options.type === 'mysql') {
      await queryRunner.query('CREATE FULLTEXT INDEX ft_threads_title ON discussion_threads (title)');
      await queryRunner.query('CREATE FULLTEXT INDEX ft_posts_body ON discussion_posts (body)');
    }

    // Keys the per-thread pseudonyms: random per installation, never shown to anyone.
    await queryRunner.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [
      'pseudonymSecret',
      JSON.stringify(randomBytes(32).toString('hex')),
      toDbTimestamp(new Date()),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM settings WHERE `key` = ?', ['pseudonymSecret']);
    for (const table of [
      'reveal_requests',
      'post_reports',
      'discussion_posts',
      'discussion_thread_tags',
      'discussion_threads',
    ])
      await queryRunner.dropTable(table);
  }
}
