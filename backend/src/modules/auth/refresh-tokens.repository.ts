import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { RefreshTokenEntity } from './refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  insert(token: RefreshTokenEntity, manager: EntityManager): Promise<void> {
    return insertRows(manager, RefreshTokenEntity, [token]);
  }

  findByHash(tokenHash: string, manager: EntityManager): Promise<RefreshTokenEntity | null> {
    return manager.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash } });
  }

  /** Single use: one atomic conditional UPDATE; only the caller that changed the row may rotate. */
  async claim(id: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(RefreshTokenEntity)
      .set({ usedAt: now })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now', { id, now })
      .execute();
    return result.affected === 1;
  }

  async revokeFamily(familyId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
