import { Injectable } from '@nestjs/common';
import { Page } from '../../common/pagination';
import { Db } from '../../database/db';
import { keysetPage, PageRequest } from '../../database/keyset-page';
import { join, sql, Sql, where } from '../../database/sql';
import { PERSON_FIELDS, PersonTable } from '../users/person';
import type { UserEntity } from '../users/user.entity';
import { AssignmentEntity } from './assignment.entity';

/** The joined person columns, and whether the account is active (inactive people drop off "my mentors"). */
const PEOPLE_FIELDS = [...PERSON_FIELDS, 'active'] as const;
type AssignedPerson = Pick<UserEntity, (typeof PEOPLE_FIELDS)[number]>;

export interface AssignmentRow {
  id: string;
  createdAt: Date;
  student: AssignedPerson;
  mentor: AssignedPerson;
}

export interface AssignmentFilter {
  studentId?: string;
  mentorId?: string;
}

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: Db) {}

  insert(rows: AssignmentEntity[]): Promise<void> {
    return this.db.insert(AssignmentEntity, rows);
  }

  async countForUser(userId: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number | string }>(
      sql`SELECT COUNT(*) AS n FROM assignments WHERE student_id = ${userId} OR mentor_id = ${userId}`,
    );
    return Number(row.n);
  }

  async countForMentor(mentorId: string): Promise<number> {
    const [row] = await this.db.rows<{ n: number | string }>(
      sql`SELECT COUNT(*) AS n FROM assignments WHERE mentor_id = ${mentorId}`,
    );
    return Number(row.n);
  }

  findById(id: string): Promise<AssignmentEntity | null> {
    return this.db.one(
      AssignmentEntity,
      sql`SELECT ${this.db.columns(AssignmentEntity, 'a')} FROM assignments a WHERE a.id = ${id}`,
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.run(sql`DELETE FROM assignments WHERE id = ${id}`);
  }

  async isAssigned(studentId: string, mentorId: string): Promise<boolean> {
    const rows = await this.db.rows(
      sql`SELECT 1 AS found FROM assignments WHERE student_id = ${studentId} AND mentor_id = ${mentorId} LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Every assignment of a person, newest first, with both people (one query, no per-row lookups). */
  listWithPeople(filter: AssignmentFilter): Promise<AssignmentRow[]> {
    return this.withPeople(sql`${this.filter(filter)} ORDER BY a.created_at DESC, a.id DESC`);
  }

  /** A page of assignments, newest first. Plain SQL with an explicit column list: the dashboards read this. */
  pageWithPeople(filter: AssignmentFilter, page: PageRequest): Promise<Page<AssignmentRow>> {
    return keysetPage(
      page,
      { column: 'a.created_at', id: 'a.id', direction: 'DESC', key: (row) => ({ at: row.createdAt, id: row.id }) },
      ({ after, orderBy, limit }) => this.withPeople(sql`${this.filter(filter, after)} ${orderBy} LIMIT ${limit}`),
    );
  }

  private filter({ studentId, mentorId }: AssignmentFilter, after?: Sql): Sql {
    return where(
      studentId ? sql`a.student_id = ${studentId}` : null,
      mentorId ? sql`a.mentor_id = ${mentorId}` : null,
      after,
    );
  }

  private async withPeople(rest: Sql): Promise<AssignmentRow[]> {
    const rows = await this.db.rows(
      sql`SELECT ${this.db.columns(AssignmentEntity, 'a', 'a_', ['id', 'createdAt'])}, ${this.db.columns(PersonTable, 's', 's_', PEOPLE_FIELDS)}, ${this.db.columns(PersonTable, 'm', 'm_', PEOPLE_FIELDS)}
        FROM assignments a INNER JOIN users s ON s.id = a.student_id INNER JOIN users m ON m.id = a.mentor_id ${rest}`,
    );
    return rows.map((row) => {
      const { id, createdAt } = this.db.hydrate(AssignmentEntity, row, 'a_')!;
      return {
        id,
        createdAt,
        student: this.db.hydrate(PersonTable, row, 's_')!,
        mentor: this.db.hydrate(PersonTable, row, 'm_')!,
      };
    });
  }

  /** Students per mentor, for these mentors. */
  async countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>> {
    if (mentorIds.length === 0) return new Map();
    const rows = await this.db.rows<{ mentor_id: string; n: number | string }>(
      sql`SELECT mentor_id, COUNT(*) AS n FROM assignments WHERE mentor_id IN (${join(mentorIds)}) GROUP BY mentor_id`,
    );
    return new Map(rows.map((r) => [r.mentor_id, Number(r.n)]));
  }
}
