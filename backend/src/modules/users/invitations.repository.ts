import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { sql } from '../../database/sql';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: Db) {}

  insert(invitations: InvitationEntity[]): Promise<void> {
    return this.db.insert(InvitationEntity, invitations);
  }

  async revokeOpen(userId: string, now: Date): Promise<void> {
    await this.db.run(
      sql`UPDATE invitations SET revoked_at = ${now} WHERE user_id = ${userId} AND used_at IS NULL AND revoked_at IS NULL`,
    );
  }

  /** Whether `createdBy` ever issued an invitation to the account, used or not. */
  async existsFrom(userId: string, createdBy: string): Promise<boolean> {
    const rows = await this.db.rows(
      sql`SELECT 1 AS found FROM invitations i WHERE i.user_id = ${userId} AND i.created_by = ${createdBy} LIMIT 1`,
    );
    return rows.length > 0;
  }

  findByHash(tokenHash: string): Promise<InvitationEntity | null> {
    return this.db.one(
      InvitationEntity,
      sql`SELECT ${this.db.columns(InvitationEntity, 'i')} FROM invitations i WHERE i.token_hash = ${tokenHash}`,
    );
  }

  /** Single use: only one caller can flip `used_at`, the affected-row count tells who. */
  async markUsed(id: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE invitations SET used_at = ${now}
        WHERE id = ${id} AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}`,
    );
    return changed === 1;
  }
}
