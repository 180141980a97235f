import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(@InjectRepository(NotificationEntity) private readonly repository: Repository<NotificationEntity>) {}

  insert(rows: NotificationEntity[]): Promise<void> {
    return insertRows(this.repository.manager, NotificationEntity, rows);
  }

  list(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
    unreadOnly = false,
  ): Promise<NotificationEntity[]> {
    const query = this.repository.createQueryBuilder('n').where('n.user_id = :userId', { userId });
    if (unreadOnly) query.andWhere('n.read_at IS NULL');
    if (after)
      query.andWhere('(n.created_at < :createdAt OR (n.created_at = :createdAt AND n.id < :id))', {
        createdAt: after.createdAt,
        id: after.id,
      });
    return query
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  unreadCount(userId: string): Promise<number> {
    return this.repository.count({ where: { userId, readAt: IsNull() } });
  }

  async markRead(userId: string, ids: string[] | 'all', now: Date): Promise<void> {
    await this.repository.update(
      ids === 'all' ? { userId, readAt: IsNull() } : { userId, id: In(ids), readAt: IsNull() },
      { readAt: now },
    );
  }
}
