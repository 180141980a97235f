import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';
import { empty, sql } from '../../database/sql';
import { EventLogEntity } from './event-log.entity';
import { StreamTicketEntity } from './stream-ticket.entity';

/** The event log behind `GET /events` and the single-use tickets that open it. */
@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  /** Stores one entry; resolves to its id, the stream cursor (one sequence for every instance). */
  appendEntry(entry: Omit<EventLogEntity, 'id'>): Promise<number> {
    return this.db.insertNumbered(EventLogEntity, Object.assign(new EventLogEntity(), entry));
  }

  /** Entries after `afterId` for a user (and on the admin channel, for admins), oldest first. */
  entriesAfter(afterId: number, userId: string, withAdminChannel: boolean, limit: number): Promise<EventLogEntity[]> {
    return this.db.all(
      EventLogEntity,
      sql`SELECT ${this.db.columns(EventLogEntity, 'e')} FROM event_log e
          WHERE e.id > ${afterId} AND (e.user_id = ${userId}${withAdminChannel ? sql` OR e.channel = 'admin'` : empty})
          ORDER BY e.id ASC LIMIT ${limit}`,
    );
  }

  async pruneEntries(olderThan: Date): Promise<void> {
    await this.db.run(sql`DELETE FROM event_log WHERE created_at < ${olderThan}`);
  }

  async insertTicket(ticket: StreamTicketEntity): Promise<void> {
    await this.db.insert(StreamTicketEntity, [ticket]);
  }

  /** Marks an unexpired ticket used; false when it was used already, expired or never issued. */
  async redeemTicket(tokenHash: string, now: Date): Promise<boolean> {
    const redeemed = await this.db.run(
      sql`UPDATE stream_tickets SET used_at = ${now}
          WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}`,
    );
    return redeemed === 1;
  }

  findTicket(tokenHash: string): Promise<StreamTicketEntity | null> {
    return this.db.one(
      StreamTicketEntity,
      sql`SELECT ${this.db.columns(StreamTicketEntity, 't')} FROM stream_tickets t WHERE t.token_hash = ${tokenHash}`,
    );
  }

  async pruneTickets(olderThan: Date): Promise<void> {
    await this.db.run(sql`DELETE FROM stream_tickets WHERE expires_at < ${olderThan}`);
  }
}
