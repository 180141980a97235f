import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: nullable,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

export class CreateAccounts1764288000000 implements MigrationInterface {
  name = 'CreateAccounts1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          // Stored lower-cased, so the unique index makes addresses unique regardless of case.
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'display_name', type: 'varchar', length: '120' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'active', type: 'boolean', default: true },
          { name: 'time_zone', type: 'varchar', length: '64' },
          { name: 'bio', type: 'varchar', length: '2000', isNullable: true },
          { name: 'mentor_capacity', type: 'int', isNullable: true },
          { name: 'quota_override', type: 'int', isNullable: true },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'token_version', type: 'int', default: 0 },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
        indices: [
          { name: 'ix_users_created', columnNames: ['created_at', 'id'] },
          { name: 'ix_users_role_created', columnNames: ['role', 'created_at', 'id'] },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          id(),
          ref('user_id'),
          ref('family_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'token_version', type: 'int' },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('revoked_at', true),
          timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_refresh_tokens_hash', columnNames: ['token_hash'] }],
        indices: [
          { name: 'ix_refresh_tokens_family', columnNames: ['family_id'] },
          { name: 'ix_refresh_tokens_user', columnNames: ['user_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_refresh_tokens_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'invitations',
        columns: [
          id(),
          ref('user_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('revoked_at', true),
          ref('created_by', true),
          timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_invitations_hash', columnNames: ['token_hash'] }],
        indices: [{ name: 'ix_invitations_user', columnNames: ['user_id'] }],
        foreignKeys: [
          {
            name: 'fk_invitations_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'assignments',
        columns: [id(), ref('student_id'), ref('mentor_id'), ref('created_by', true), timestamp('created_at')],
        uniques: [{ name: 'uq_assignments_pair', columnNames: ['student_id', 'mentor_id'] }],
        indices: [{ name: 'ix_assignments_mentor', columnNames: ['mentor_id', 'student_id'] }],
        foreignKeys: [
          {
            name: 'fk_assignments_student',
            columnNames: ['student_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'fk_assignments_mentor',
            columnNames: ['mentor_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          ref('actor_id', true),
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'target_type', type: 'varchar', length: '32', isNullable: true },
          { name: 'target_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'details', type: 'varchar', length: '4000', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [
          { name: 'ix_audit_created', columnNames: ['created_at', 'id'] },
          { name: 'ix_audit_actor', columnNames: ['actor_id', 'created_at'] },
          { name: 'ix_audit_target', columnNames: ['target_id', 'created_at'] },
          { name: 'ix_audit_action', columnNames: ['action', 'created_at'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'assignments', 'invitations', 'refresh_tokens', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
