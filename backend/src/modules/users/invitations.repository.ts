import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(@InjectRepository(InvitationEntity) private readonly repository: Repository<InvitationEntity>) {}

  insert(invitations: InvitationEntity[], manager: EntityManager): Promise<void> {
    return insertRows(manager, InvitationEntity, invitations);
  }

  async revokeOpen(userId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(InvitationEntity)
      .update({ userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Whether `createdBy` ever issued an invitation to the account, used or not. */
  async existsFrom(userId: string, createdBy: string): Promise<boolean> {
    return (await this.repository.count({ where: { userId, createdBy } })) > 0;
  }

  findByHash(tokenHash: string, manager: EntityManager): Promise<InvitationEntity | null> {
    return manager.getRepository(InvitationEntity).findOne({ where: { tokenHash } });
  }

  /** Single use: only one caller can flip `used_at`, the affected-row count tells who. */
  async markUsed(id: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(InvitationEntity)
      .set({ usedAt: now })
      .where('id = :id AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now', { id, now })
      .execute();
    return result.affected === 1;
  }
}
