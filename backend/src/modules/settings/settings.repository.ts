import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { join, raw, sql } from '../../database/sql';
import { SettingEntity } from './setting.entity';

@Injectable()
export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** Writes the changed keys (one statement), inserting the ones that are not stored yet. */
  async saveAll(changed: Record<string, unknown>, values: Record<string, unknown>, now: Date): Promise<void> {
    const rows = Object.keys(changed).map((key) => sql`(${key}, ${JSON.stringify(values[key])}, ${now})`);
    if (rows.length === 0) return;
    const onConflict = this.db.isMysql
      ? raw('ON DUPLICATE KEY UPDATE `value` = VALUES(`value`), `updated_at` = VALUES(`updated_at`)')
      : raw('ON CONFLICT (`key`) DO UPDATE SET `value` = excluded.`value`, `updated_at` = excluded.`updated_at`');
    await this.db.run(
      sql`INSERT INTO settings (\`key\`, \`value\`, \`updated_at\`) VALUES ${join(rows)} ${onConflict}`,
    );
  }

  findAll(): Promise<SettingEntity[]> {
    return this.db.all(SettingEntity, sql`SELECT ${this.db.columns(SettingEntity, 's')} FROM settings s`);
  }

  /** One stored value (JSON), e.g. an installation secret; null when the key is missing. */
  async findValue(key: string): Promise<string | null> {
    const [row] = await this.db.rows<{ value: string }>(
      sql`SELECT s.\`value\` AS \`value\` FROM settings s WHERE s.\`key\` = ${key}`,
    );
    return row?.value ?? null;
  }
}
