import { randomBytes } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { toDbTimestamp } from '../database-options';

const uuid = (name: string, primary = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isPrimary: primary,
});
const timestamp = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const userFk = (name: string) => ({
  name,
  columnNames: ['user_id'],
  referencedTableName: 'users',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE' as const,
});

export class CreateAdminMfa1764705600000 implements MigrationInterface {
  name = 'CreateAdminMfa1764705600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'user_mfa',
        columns: [
          uuid('user_id', true),
          { name: 'secret', type: 'varchar', length: '255' },
          timestamp('enabled_at', true),
          { name: 'last_used_step', type: 'int', isNullable: true },
          { name: 'failed_attempts', type: 'int', default: 0 },
          timestamp('locked_until', true),
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        foreignKeys: [userFk('fk_user_mfa_user')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'mfa_recovery_codes',
        columns: [
          uuid('id', true),
          uuid('user_id'),
          { name: 'code_hash', type: 'varchar', length: '64' },
          timestamp('used_at', true),
          timestamp('created_at'),
        ],
        uniques: [{ name: 'uq_mfa_recovery_codes_hash', columnNames: ['user_id', 'code_hash'] }],
        foreignKeys: [userFk('fk_mfa_recovery_codes_user')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'mfa_challenges',
        columns: [
          { name: 'token_hash', type: 'varchar', length: '64', isPrimary: true },
          uuid('user_id'),
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'token_version', type: 'int' },
          { name: 'failed_attempts', type: 'int', default: 0 },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('created_at'),
        ],
        indices: [{ name: 'ix_mfa_challenges_user', columnNames: ['user_id', 'expires_at'] }],
        foreignKeys: [userFk('fk_mfa_challenges_user')],
      }),
    );

    const now = toDbTimestamp(new Date());
    await queryRunner.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [
      'mfaRequiredForAdmins',
      JSON.stringify(false),
      now,
    ]);
    // Encrypts the stored TOTP secrets (see mfa-secret-box.ts); random per installation, never shown.
    await queryRunner.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [
      'mfaSecretKey',
      JSON.stringify(randomBytes(32).toString('hex')),
      now,
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM settings WHERE `key` IN (?, ?)', ['mfaRequiredForAdmins', 'mfaSecretKey']);
    for (const table of ['mfa_challenges', 'mfa_recovery_codes', 'user_mfa']) await queryRunner.dropTable(table);
  }
}
