import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { sql } from '../../database/sql';
import { PasswordResetEntity } from './password-reset.entity';

@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly db: Db) {}

  insert(reset: PasswordResetEntity): Promise<void> {
    return this.db.insert(PasswordResetEntity, [reset]);
  }

  findByHash(tokenHash: string): Promise<PasswordResetEntity | null> {
    return this.db.one(
      PasswordResetEntity,
      sql`SELECT ${this.db.columns(PasswordResetEntity, 'p')} FROM password_resets p WHERE p.token_hash = ${tokenHash}`,
    );
  }

  /** Whether the person was sent a link after `since` (a second request then sends nothing). */
  async sentSince(userId: string, since: Date): Promise<boolean> {
    const rows = await this.db.rows(
      sql`SELECT 1 AS found FROM password_resets p WHERE p.user_id = ${userId} AND p.created_at > ${since} LIMIT 1`,
    );
    return rows.length > 0;
  }

  async revokeOpen(userId: string, now: Date): Promise<void> {
    await this.db.run(
      sql`UPDATE password_resets SET revoked_at = ${now}
        WHERE user_id = ${userId} AND used_at IS NULL AND revoked_at IS NULL`,
    );
  }

  /** Single use: only one caller can flip `used_at`, the affected-row count tells who. */
  async markUsed(id: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE password_resets SET used_at = ${now}
        WHERE id = ${id} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}`,
    );
    return changed === 1;
  }
}
