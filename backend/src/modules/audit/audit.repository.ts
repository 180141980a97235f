import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Db } from '../../database/db';
import { insertRows } from '../../database/insert-rows';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  after?: { createdAt: Date; id: string };
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(
    @InjectRepository(AuditEntryEntity) private readonly repository: Repository<AuditEntryEntity>,
    private readonly db: Db,
  ) {}

  /** Without a manager, the entries join the ambient transaction (`@Transactional()`) when one is open. */
  insert(rows: AuditEntryEntity[], manager?: EntityManager): Promise<void> {
    return manager ? insertRows(manager, AuditEntryEntity, rows) : this.db.insert(AuditEntryEntity, rows);
  }

  async exists(filter: { actorId: string; action: string; targetId: string }): Promise<boolean> {
    return (await this.repository.count({ where: filter })) > 0;
  }

  list(filter: AuditFilter): Promise<AuditEntryEntity[]> {
    const query = this.repository.createQueryBuilder('a');
    if (filter.actorId) query.andWhere('a.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.targetId) query.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) query.andWhere('a.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.created_at < :to', { to: filter.to });
    if (filter.after) {
      query.andWhere('(a.created_at < :createdAt OR (a.created_at = :createdAt AND a.id < :id))', {
        createdAt: filter.after.createdAt,
        id: filter.after.id,
      });
    }
    return query
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
  }

  async actorNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; display_name: string }[] = await this.repository.manager
      .createQueryBuilder()
      .select(['u.id AS id', 'u.display_name AS display_name'])
      .from('users', 'u')
      .where('u.id IN (:...ids)', { ids })
      .getRawMany();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }
}
