import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { PasswordResetEntity } from './password-reset.entity';

@Injectable()
export class PasswordResetsRepository {
  insert(reset: PasswordResetEntity, manager: EntityManager): Promise<void> {
    return insertRows(manager, PasswordResetEntity, [reset]);
  }

  findByHash(tokenHash: string, manager: EntityManager): Promise<PasswordResetEntity | null> {
    return manager.getRepository(PasswordResetEntity).findOne({ where: { tokenHash } });
  }

  /** Whether the person was sent a link after `since` (a second request then sends nothing). */
  async sentSince(userId: string, since: Date, manager: EntityManager): Promise<boolean> {
    return (
      (await manager.getRepository(PasswordResetEntity).count({ where: { userId, createdAt: MoreThan(since) } })) > 0
    );
  }

  async revokeOpen(userId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(PasswordResetEntity)
      .update({ userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Single use: only one caller can flip `used_at`, the affected-row count tells who. */
  async markUsed(id: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(PasswordResetEntity)
      .set({ usedAt: now })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now', { id, now })
      .execute();
    return result.affected === 1;
  }
}
