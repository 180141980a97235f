import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, EntityManager, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { lockClause } from '../../database/transaction-runner';
import { toDbTimestamp } from '../../database/database-options';
import { hydrate, selectColumns } from '../../database/raw-rows';
import { attachPeople, joinPeople, person, PersonColumns, personSelect } from '../users/person-columns';
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
  after?: { at: Date; id: string };
  sort?: 'start' | 'updated';
  limit: number;
}

export type SessionWithPeople = SessionEntity & { mentor: PersonColumns; student: PersonColumns };

@Injectable()
export class SessionsRepository {
  constructor(@InjectRepository(SessionEntity) private readonly repository: Repository<SessionEntity>) {}

  insert(session: SessionEntity, manager: EntityManager): Promise<void> {
    return insertRows(manager, SessionEntity, [session]);
  }

  findById(id: string, manager?: EntityManager): Promise<SessionEntity | null> {
    return (manager ? manager.getRepository(SessionEntity) : this.repository).findOne({ where: { id } });
  }

  /** Reads a session for a change, holding its row until the transaction ends (MySQL). */
  findForUpdate(id: string, manager: EntityManager): Promise<SessionEntity | null> {
    const query = manager.getRepository(SessionEntity).createQueryBuilder('s').where('s.id = :id', { id });
    if (lockClause(manager)) query.setLock('pessimistic_write');
    return query.getOne();
  }

  findDueForReminder(from: Date, to: Date, limit: number): Promise<SessionEntity[]> {
    return this.repository
      .createQueryBuilder('s')
      .where('s.starts_at > :from AND s.starts_at <= :to', { from, to })
      .andWhere('s.status = :status AND s.reminder_sent_at IS NULL', { status: SessionStatus.Scheduled })
      .orderBy('s.starts_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Exactly-once reminders: only the run whose UPDATE changed the row sends it. */
  async claimReminder(id: string, now: Date): Promise<boolean> {
    const result = await this.repository
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ reminderSentAt: now })
      .where('id = :id AND reminder_sent_at IS NULL AND status = :status', { id, status: SessionStatus.Scheduled })
      .execute();
    return result.affected === 1;
  }

  async update(id: string, patch: Partial<SessionEntity>, manager: EntityManager): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ ...patch, sequence: () => 'sequence + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Serialises scheduling for these people: their user rows are locked in a fixed order (MySQL),
   * so two bookings for the same mentor or student wait for each other instead of both passing
   * the overlap check. On SQLite the transaction runner already serialises writers.
   */
  async lockPeople(ids: string[], manager: EntityManager): Promise<void> {
    const lock = lockClause(manager);
    if (!lock) return;
    const sorted = [...new Set(ids)].sort();
    await manager.query(
      // eslint-disable-next-line no-restricted-syntax -- one `?` placeholder per id, and a constant lock clause
      `SELECT id FROM users WHERE id IN (${sorted.map(() => '?').join(', ')}) ORDER BY id${lock}`,
      sorted,
    );
  }

  /** The pair's scheduled sessions starting after `after`, held for a change (MySQL). */
  findUpcomingOfPair(
    manager: EntityManager,
    mentorId: string,
    studentId: string,
    after: Date,
  ): Promise<SessionEntity[]> {
    const query = manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.mentor_id = :mentorId AND s.student_id = :studentId', { mentorId, studentId })
      .andWhere('s.status = :status AND s.starts_at > :after', { status: SessionStatus.Scheduled, after })
      .orderBy('s.starts_at', 'ASC');
    if (lockClause(manager)) query.setLock('pessimistic_write');
    return query.getMany();
  }

  /** The first scheduled session of either person overlapping [startsAt, endsAt). */
  findClash(
    manager: EntityManager,
    mentorId: string,
    studentId: string,
    startsAt: Date,
    endsAt: Date,
    excludeId?: string,
  ): Promise<SessionEntity | null> {
    const query = manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.status = :status', { status: SessionStatus.Scheduled })
      .andWhere(
        new Brackets((q) =>
          q.where('s.mentor_id = :mentorId', { mentorId }).orWhere('s.student_id = :studentId', { studentId }),
        ),
      )
      .andWhere('s.starts_at < :endsAt AND s.ends_at > :startsAt', { startsAt, endsAt });
    if (excludeId) query.andWhere('s.id <> :excludeId', { excludeId });
    return query.orderBy('s.starts_at', 'ASC').getOne();
  }

  /**
   * One indexed query with both people joined (no per-row lookups), written as plain SQL with an
   * explicit column list: this is the calendar's hot path.
   */
  async list(filter: SessionListFilter): Promise<SessionWithPeople[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.participantId) {
      where.push('(s.mentor_id = ? OR s.student_id = ?)');
      params.push(filter.participantId, filter.participantId);
    }
    if (filter.mentorId) {
      where.push('s.mentor_id = ?');
      params.push(filter.mentorId);
    }
    if (filter.studentId) {
      where.push('s.student_id = ?');
      params.push(filter.studentId);
    }
    if (filter.status) {
      where.push('s.status = ?');
      params.push(filter.status);
    }
    if (filter.from) {
      // No session is longer than LONGEST_SESSION_MS, so a lower bound on starts_at keeps the index range
      // (person, starts_at) to the requested window instead of the person's whole history.
      where.push('s.ends_at > ? AND s.starts_at > ?');
      params.push(toDbTimestamp(filter.from), toDbTimestamp(new Date(filter.from.getTime() - LONGEST_SESSION_MS)));
    }
    if (filter.to) {
      where.push('s.starts_at < ?');
      params.push(toDbTimestamp(filter.to));
    }
    const byUpdate = filter.sort === 'updated';
    if (filter.after) {
      where.push(
        byUpdate
          ? '(s.updated_at < ? OR (s.updated_at = ? AND s.id < ?))'
          : '(s.starts_at > ? OR (s.starts_at = ? AND s.id > ?))',
      );
      params.push(toDbTimestamp(filter.after.at), toDbTimestamp(filter.after.at), filter.after.id);
    }
    params.push(filter.limit + 1);
    const sql = [
      this.listSelect,
      where.length > 0 ? 'WHERE' : '',
      where.join(' AND '),
      byUpdate ? 'ORDER BY s.updated_at DESC, s.id DESC' : 'ORDER BY s.starts_at ASC, s.id ASC',
      'LIMIT ?',
    ].join(' ');
    const rows: Record<string, unknown>[] = await this.repository.manager.query(sql, params);
    const dataSource = this.repository.manager.connection;
    return rows.map((row) =>
      Object.assign(hydrate(dataSource, SessionEntity, row, 's_') as SessionEntity, {
        mentor: person(row, 'm'),
        student: person(row, 'st'),
      }),
    );
  }

  private selectCache?: string;

  private get listSelect(): string {
    this.selectCache ??= [
      'SELECT',
      selectColumns(this.repository.manager.connection, SessionEntity, 's', 's_'),
      ',',
      personSelect('m'),
      ',',
      personSelect('st'),
      'FROM sessions s INNER JOIN users m ON m.id = s.mentor_id INNER JOIN users st ON st.id = s.student_id',
    ].join(' ');
    return this.selectCache;
  }

  async findWithPeople(id: string): Promise<SessionWithPeople | null> {
    const rows = await joinPeople(this.repository.createQueryBuilder('s'), 's')
      .where('s.id = :id', { id })
      .getRawAndEntities();
    return attachPeople(rows, 's')[0] ?? null;
  }
}
