import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

export class CreateNotificationsAndFeeds1764460800000 implements MigrationInterface {
  name = 'CreateNotificationsAndFeeds1764460800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'type', type: 'varchar', length: '48' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'body', type: 'varchar', length: '1000' },
          { name: 'link', type: 'varchar', length: '300', isNullable: true },
          { name: 'subject_type', type: 'varchar', length: '16', isNullable: true },
          { name: 'subject_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'read_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'ix_notifications_user', columnNames: ['user_id', 'created_at', 'id'] },
          { name: 'ix_notifications_unread', columnNames: ['user_id', 'read_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_notifications_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    // The stream behind server-sent events: a cursor (auto-increment id) for Last-Event-ID replay.
    await queryRunner.createTable(
      new Table({
        name: 'event_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'type', type: 'varchar', length: '48' },
          { name: 'payload', type: 'varchar', length: '8000' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [
          { name: 'ix_event_log_user', columnNames: ['user_id', 'id'] },
          { name: 'ix_event_log_channel', columnNames: ['channel', 'id'] },
          { name: 'ix_event_log_created', columnNames: ['created_at'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'stream_tickets',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
        ],
        foreignKeys: [
          {
            name: 'fk_stream_tickets_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.addColumn(
      'sessions',
      new TableColumn({ name: 'reminder_sent_at', type: 'datetime', precision: 3, isNullable: true }),
    );
    await queryRunner.addColumn('users', new TableColumn({ name: 'feed_version', type: 'int', default: 0 }));
    await queryRunner.addColumn(
      'users',
      new TableColumn({ name: 'feed_token_hash', type: 'varchar', length: '64', isNullable: true }),
    );
    await queryRunner.createIndex(
      'users',
      new TableIndex({ name: 'uq_users_feed_token', columnNames: ['feed_token_hash'], isUnique: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('users', 'uq_users_feed_token');
    await queryRunner.dropColumn('users', 'feed_token_hash');
    await queryRunner.dropColumn('users', 'feed_version');
    await queryRunner.dropColumn('sessions', 'reminder_sent_at');
    await queryRunner.dropTable('stream_tickets');
    await queryRunner.dropTable('event_log');
    await queryRunner.dropTable('notifications');
  }
}
