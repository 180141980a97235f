import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { sql } from '../../database/sql';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: Db) {}

  insert(token: RefreshTokenEntity): Promise<void> {
    return this.db.insert(RefreshTokenEntity, [token]);
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.db.one(
      RefreshTokenEntity,
      sql`SELECT ${this.db.columns(RefreshTokenEntity, 'r')} FROM refresh_tokens r WHERE r.token_hash = ${tokenHash}`,
    );
  }

  /** Single use: one atomic conditional UPDATE; only the caller that changed the row may rotate. */
  async claim(id: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE refresh_tokens SET used_at = ${now}
        WHERE id = ${id} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}`,
    );
    return changed === 1;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.db.run(
      sql`UPDATE refresh_tokens SET revoked_at = ${now} WHERE family_id = ${familyId} AND revoked_at IS NULL`,
    );
  }
}
