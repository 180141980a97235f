import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const uuid = (name: string, primary = false, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: primary,
  isNullable: nullable,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

export class CreatePasswordResets1764800000000 implements MigrationInterface {
  name = 'CreatePasswordResets1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          uuid('id', true),
          uuid('user_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('revoked_at', true),
          uuid('requested_by', false, true),
          timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_password_resets_hash', columnNames: ['token_hash'] }],
        indices: [{ name: 'ix_password_resets_user', columnNames: ['user_id', 'created_at'] }],
        foreignKeys: [
          {
            name: 'fk_password_resets_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('password_resets');
  }
}
