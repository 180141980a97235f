import { Injectable } from '@nestjs/common';
import type { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { sql, where } from '../../database/sql';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** An entry with its actor's display name (null for the server, or an account that is gone). */
export type AuditRow = AuditEntryEntity & { actorName: string | null };

@Injectable()
export class AuditRepository {
  constructor(private readonly db: Db) {}

  insert(rows: AuditEntryEntity[]): Promise<void> {
    return this.db.insert(AuditEntryEntity, rows);
  }

  async exists(filter: { actorId: string; action: string; targetId: string }): Promise<boolean> {
    const rows = await this.db.rows(
      sql`SELECT 1 AS found FROM audit_log a
        WHERE a.actor_id = ${filter.actorId} AND a.action = ${filter.action} AND a.target_id = ${filter.targetId} LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Newest first, each entry with its actor's name in the same statement. */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow>> {
    return keysetPage(
      page,
      { column: 'a.created_at', id: 'a.id', direction: 'DESC', key: (r) => ({ at: r.createdAt, id: r.id }) },
      async ({ after, orderBy, limit }) => {
        const rows = await this.db.rows(
          sql`SELECT ${this.db.columns(AuditEntryEntity, 'a')}, u.display_name AS actor_name
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
            ${where(
              filter.actorId ? sql`a.actor_id = ${filter.actorId}` : null,
              filter.action ? sql`a.action = ${filter.action}` : null,
              filter.targetId ? sql`a.target_id = ${filter.targetId}` : null,
              filter.from ? sql`a.created_at >= ${filter.from}` : null,
              filter.to ? sql`a.created_at < ${filter.to}` : null,
              after,
            )}
            ${orderBy} LIMIT ${limit}`,
        );
        return rows.map((row) =>
          Object.assign(this.db.hydrate(AuditEntryEntity, row)!, {
            actorName: (row.actor_name as string | null | undefined) ?? null,
          }),
        );
      },
    );
  }
}
