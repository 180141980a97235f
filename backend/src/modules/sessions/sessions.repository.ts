import { Injectable } from '@nestjs/common';
import { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { sql, Sql, where } from '../../database/sql';
import { selectWithPeople, WithPeople } from '../users/person';
import { SessionEntity, SessionStatus } from './session.entity';

/** The longest a session may last (the service refuses longer ones). */
const LONGEST_SESSION_MS = 4 * 3_600_000;

export interface SessionListFilter {
  participantId?: string;
  mentorId?: string;
  studentId?: string;
  status?: SessionStatus;
  from?: Date;
  to?: Date;
  sort?: 'start' | 'updated';
}

export type SessionWithPeople = WithPeople<SessionEntity>;

@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  async insert(session: SessionEntity): Promise<void> {
    await this.db.insert(SessionEntity, [session]);
  }

  findById(id: string): Promise<SessionEntity | null> {
    return this.db.one(SessionEntity, sql`SELECT ${this.sessionColumns} FROM sessions s WHERE s.id = ${id}`);
  }

  /** Reads a session for a change, holding its row until the transaction ends (MySQL). */
  findForUpdate(id: string): Promise<SessionEntity | null> {
    return this.db.one(
      SessionEntity,
      sql`SELECT ${this.sessionColumns} FROM sessions s WHERE s.id = ${id}${this.db.forUpdate}`,
    );
  }

  findDueForReminder(from: Date, to: Date, limit: number): Promise<SessionEntity[]> {
    return this.db.all(
      SessionEntity,
      sql`SELECT ${this.sessionColumns} FROM sessions s
        WHERE s.starts_at > ${from} AND s.starts_at <= ${to} AND s.status = ${SessionStatus.Scheduled} AND s.reminder_sent_at IS NULL
        ORDER BY s.starts_at ASC LIMIT ${limit}`,
    );
  }

  /** Exactly-once reminders: only the run whose UPDATE changed the row sends it. */
  async claimReminder(id: string, now: Date): Promise<boolean> {
    const changed = await this.db.run(
      sql`UPDATE sessions SET ${this.db.assignments(SessionEntity, { reminderSentAt: now })}
        WHERE id = ${id} AND reminder_sent_at IS NULL AND status = ${SessionStatus.Scheduled}`,
    );
    return changed === 1;
  }

  async update(id: string, patch: Partial<SessionEntity>): Promise<void> {
    await this.db.run(
      sql`UPDATE sessions SET ${this.db.assignments(SessionEntity, patch)}, sequence = sequence + 1 WHERE id = ${id}`,
    );
  }

  /** The pair's scheduled sessions starting after `after`, held for a change (MySQL). */
  findUpcomingOfPair(mentorId: string, studentId: string, after: Date): Promise<SessionEntity[]> {
    return this.db.all(
      SessionEntity,
      sql`SELECT ${this.sessionColumns} FROM sessions s
        WHERE s.mentor_id = ${mentorId} AND s.student_id = ${studentId} AND s.status = ${SessionStatus.Scheduled} AND s.starts_at > ${after}
        ORDER BY s.starts_at ASC${this.db.forUpdate}`,
    );
  }

  /** The first scheduled session of either person overlapping [startsAt, endsAt). */
  findClash(
    mentorId: string,
    studentId: string,
    startsAt: Date,
    endsAt: Date,
    excludeId?: string,
  ): Promise<SessionEntity | null> {
    return this.db.one(
      SessionEntity,
      sql`SELECT ${this.sessionColumns} FROM sessions s
        ${where(
          sql`s.status = ${SessionStatus.Scheduled}`,
          sql`(s.mentor_id = ${mentorId} OR s.student_id = ${studentId})`,
          sql`s.starts_at < ${endsAt} AND s.ends_at > ${startsAt}`,
          excludeId ? sql`s.id <> ${excludeId}` : null,
        )}
        ORDER BY s.starts_at ASC LIMIT 1`,
    );
  }

  /**
   * One indexed query with both people joined (no per-row lookups) and an explicit column list:
   * this is the calendar's hot path.
   */
  list(filter: SessionListFilter, page: PageRequest): Promise<Page<SessionWithPeople>> {
    const byUpdate = filter.sort === 'updated';
    const { participantId, mentorId, studentId, status, from, to } = filter;
    const conditions = [
      participantId ? sql`(s.mentor_id = ${participantId} OR s.student_id = ${participantId})` : null,
      mentorId ? sql`s.mentor_id = ${mentorId}` : null,
      studentId ? sql`s.student_id = ${studentId}` : null,
      status ? sql`s.status = ${status}` : null,
      // No session is longer than LONGEST_SESSION_MS, so a lower bound on starts_at keeps the index range
      // (person, starts_at) to the requested window instead of the person's whole history.
      from ? sql`s.ends_at > ${from} AND s.starts_at > ${new Date(from.getTime() - LONGEST_SESSION_MS)}` : null,
      to ? sql`s.starts_at < ${to}` : null,
    ];
    return keysetPage(
      page,
      byUpdate
        ? { column: 's.updated_at', id: 's.id', direction: 'DESC', key: (s) => ({ at: s.updatedAt, id: s.id }) }
        : { column: 's.starts_at', id: 's.id', direction: 'ASC', key: (s) => ({ at: s.startsAt, id: s.id }) },
      ({ after, orderBy, limit }) => this.withPeople(sql`${where(...conditions, after)} ${orderBy} LIMIT ${limit}`),
    );
  }

  async findWithPeople(id: string): Promise<SessionWithPeople | null> {
    const [session] = await this.withPeople(sql`WHERE s.id = ${id}`);
    return session ?? null;
  }

  private withPeople(rest: Sql): Promise<SessionWithPeople[]> {
    return selectWithPeople(this.db, SessionEntity, 'sessions', 's', rest);
  }

  private get sessionColumns(): Sql {
    return this.db.columns(SessionEntity, 's');
  }
}
