import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { toDbTimestamp } from '../database-options';

const DEFAULTS: Record<string, unknown> = {
  monthlySessionQuota: 4,
  requestExpiryDays: 7,
  cancellationWindowHours: 24,
  programmeTimeZone: 'UTC',
};

export class CreateSettings1764201600000 implements MigrationInterface {
  name = 'CreateSettings1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'settings',
        columns: [
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '1024' },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    const now = toDbTimestamp(new Date());
    for (const [key, value] of Object.entries(DEFAULTS)) {
      await queryRunner.query('INSERT INTO settings (`key`, value, updated_at) VALUES (?, ?, ?)', [
        key,
        JSON.stringify(value),
        now,
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('settings');
  }
}
