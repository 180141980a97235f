import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

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
const fk = (name: string, column: string, table = 'users', onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE') => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

export class CreateRequestsAndSessions1764374400000 implements MigrationInterface {
  name = 'CreateRequestsAndSessions1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'mentoring_requests',
        columns: [
          uuid('id', false, true),
          uuid('student_id'),
          uuid('mentor_id'),
          { name: 'topic', type: 'varchar', length: '120' },
          { name: 'message', type: 'varchar', length: '2000' },
          { name: 'preferred_times', type: 'varchar', length: '1200', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          // Equals student_id while the request is pending, NULL otherwise: the unique index below
          // makes "one pending request per student" a database rule.
          uuid('pending_student_id', true),
          { name: 'decline_reason', type: 'varchar', length: '500', isNullable: true },
          uuid('session_id', true),
          timestamp('expires_at'),
          timestamp('answered_at', true),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [{ name: 'uq_requests_one_pending', columnNames: ['pending_student_id'] }],
        indices: [
          { name: 'ix_requests_student', columnNames: ['student_id', 'created_at', 'id'] },
          { name: 'ix_requests_mentor', columnNames: ['mentor_id', 'created_at', 'id'] },
          { name: 'ix_requests_status_expiry', columnNames: ['status', 'expires_at'] },
          { name: 'ix_requests_created', columnNames: ['created_at', 'id'] },
          { name: 'ix_requests_updated', columnNames: ['updated_at', 'id'] },
        ],
        foreignKeys: [fk('fk_requests_student', 'student_id'), fk('fk_requests_mentor', 'mentor_id')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          uuid('id', false, true),
          uuid('mentor_id'),
          uuid('student_id'),
          uuid('request_id', true),
          timestamp('starts_at'),
          timestamp('ends_at'),
          { name: 'location', type: 'varchar', length: '200', isNullable: true },
          { name: 'meeting_url', type: 'varchar', length: '500', isNullable: true },
          { name: 'agenda', type: 'varchar', length: '2000', isNullable: true },
          { name: 'mentor_notes', type: 'varchar', length: '4000', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          // The quota month (YYYY-MM, programme time zone) this session is counted in, or NULL
          // once it no longer counts (cancelled with refund).
          { name: 'quota_month', type: 'varchar', length: '7', isNullable: true },
          { name: 'cancelled_by', type: 'varchar', length: '16', isNullable: true },
          { name: 'cancel_reason', type: 'varchar', length: '500', isNullable: true },
          timestamp('cancelled_at', true),
          { name: 'sequence', type: 'int', default: 0 },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        indices: [
          { name: 'ix_sessions_mentor_start', columnNames: ['mentor_id', 'starts_at'] },
          { name: 'ix_sessions_student_start', columnNames: ['student_id', 'starts_at'] },
          { name: 'ix_sessions_start', columnNames: ['starts_at', 'id'] },
          { name: 'ix_sessions_updated', columnNames: ['updated_at', 'id'] },
          { name: 'ix_sessions_request', columnNames: ['request_id'] },
        ],
        foreignKeys: [
          fk('fk_sessions_mentor', 'mentor_id'),
          fk('fk_sessions_student', 'student_id'),
          fk('fk_sessions_request', 'request_id', 'mentoring_requests', 'SET NULL'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'quota_usage',
        columns: [
          uuid('student_id', false, true),
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'used', type: 'int', default: 0 },
        ],
        foreignKeys: [fk('fk_quota_usage_student', 'student_id')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('quota_usage');
    await queryRunner.dropTable('sessions');
    await queryRunner.dropTable('mentoring_requests');
  }
}
