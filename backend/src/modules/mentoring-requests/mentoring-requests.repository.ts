import { Injectable } from '@nestjs/common';
import { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { sql, Sql, where } from '../../database/sql';
import { selectWithPeople, WithPeople } from '../users/person';
import { MentoringRequestEntity, RequestStatus } from './mentoring-request.entity';

export interface RequestListFilter {
  studentId?: string;
  mentorId?: string;
  status?: RequestStatus;
  from?: Date;
  to?: Date;
  sort?: 'created' | 'updated';
}

export type RequestWithPeople = WithPeople<MentoringRequestEntity>;

@Injectable()
export class MentoringRequestsRepository {
  constructor(private readonly db: Db) {}

  insert(request: MentoringRequestEntity): Promise<void> {
    return this.db.insert(MentoringRequestEntity, [request]);
  }

  findById(id: string): Promise<MentoringRequestEntity | null> {
    return this.db.one(
      MentoringRequestEntity,
      sql`SELECT ${this.requestColumns} FROM mentoring_requests r WHERE r.id = ${id}`,
    );
  }

  findPendingOf(studentId: string): Promise<MentoringRequestEntity | null> {
    return this.db.one(
      MentoringRequestEntity,
      sql`SELECT ${this.requestColumns} FROM mentoring_requests r WHERE r.pending_student_id = ${studentId}`,
    );
  }

  /**
   * Moves a pending request to a final state; only one caller can win (the conditional UPDATE
   * reports affected rows). Clearing pending_student_id frees the student to ask again.
   */
  async resolve(
    id: string,
    to: RequestStatus,
    patch: Partial<MentoringRequestEntity>,
    now: Date,
    mentorId?: string,
  ): Promise<boolean> {
    const set = this.db.assignments(MentoringRequestEntity, {
      ...patch,
      status: to,
      pendingStudentId: null,
      updatedAt: now,
    });
    const changed = await this.db.run(
      sql`UPDATE mentoring_requests SET ${set} ${where(
        sql`id = ${id}`,
        sql`status = ${RequestStatus.Pending}`,
        mentorId ? sql`mentor_id = ${mentorId}` : null,
      )}`,
    );
    return changed === 1;
  }

  findDueForExpiry(now: Date, limit: number): Promise<MentoringRequestEntity[]> {
    return this.db.all(
      MentoringRequestEntity,
      sql`SELECT ${this.requestColumns} FROM mentoring_requests r
        WHERE r.status = ${RequestStatus.Pending} AND r.expires_at <= ${now} ORDER BY r.expires_at ASC LIMIT ${limit}`,
    );
  }

  /** An explicit column list and both people joined, in one statement: the dashboards read this on every load. */
  list(filter: RequestListFilter, page: PageRequest): Promise<Page<RequestWithPeople>> {
    const { studentId, mentorId, status, from, to } = filter;
    const conditions = [
      studentId ? sql`r.student_id = ${studentId}` : null,
      mentorId ? sql`r.mentor_id = ${mentorId}` : null,
      status ? sql`r.status = ${status}` : null,
      from ? sql`r.created_at >= ${from}` : null,
      to ? sql`r.created_at < ${to}` : null,
    ];
    return keysetPage(
      page,
      filter.sort === 'updated'
        ? { column: 'r.updated_at', id: 'r.id', direction: 'DESC', key: (r) => ({ at: r.updatedAt, id: r.id }) }
        : { column: 'r.created_at', id: 'r.id', direction: 'DESC', key: (r) => ({ at: r.createdAt, id: r.id }) },
      ({ after, orderBy, limit }) => this.withPeople(sql`${where(...conditions, after)} ${orderBy} LIMIT ${limit}`),
    );
  }

  async findWithPeople(id: string): Promise<RequestWithPeople | null> {
    const [request] = await this.withPeople(sql`WHERE r.id = ${id}`);
    return request ?? null;
  }

  private withPeople(rest: Sql): Promise<RequestWithPeople[]> {
    return selectWithPeople(this.db, MentoringRequestEntity, 'mentoring_requests', 'r', rest);
  }

  private get requestColumns(): Sql {
    return this.db.columns(MentoringRequestEntity, 'r');
  }
}
