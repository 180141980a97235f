import { Injectable } from '@nestjs/common';
import { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { join, sql, where } from '../../database/sql';
import { NotificationEntity } from './notification.entity';

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: Db) {}

  insert(rows: NotificationEntity[]): Promise<void> {
    return this.db.insert(NotificationEntity, rows);
  }

  list(userId: string, page: PageRequest, unreadOnly = false): Promise<Page<NotificationEntity>> {
    return keysetPage(
      page,
      { column: 'n.created_at', id: 'n.id', direction: 'DESC', key: (n) => ({ at: n.createdAt, id: n.id }) },
      ({ after, orderBy, limit }) =>
        this.db.all(
          NotificationEntity,
          sql`SELECT ${this.db.columns(NotificationEntity, 'n')} FROM notifications n
            ${where(sql`n.user_id = ${userId}`, unreadOnly ? sql`n.read_at IS NULL` : null, after)} ${orderBy} LIMIT ${limit}`,
        ),
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number | string }>(
      sql`SELECT COUNT(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`,
    );
    return Number(row.n);
  }

  async markRead(userId: string, ids: string[] | 'all', now: Date): Promise<void> {
    await this.db.run(
      sql`UPDATE notifications SET ${this.db.assignments(NotificationEntity, { readAt: now })} ${where(
        sql`user_id = ${userId}`,
        ids === 'all' ? null : sql`id IN (${join(ids)})`,
        sql`read_at IS NULL`,
      )}`,
    );
  }
}
