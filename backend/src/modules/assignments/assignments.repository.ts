import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { toDbTimestamp } from '../../database/database-options';
import { insertRows } from '../../database/insert-rows';
import { AssignmentEntity } from './assignment.entity';

export interface AssignmentRow {
  id: string;
  createdAt: Date;
  student: Pick<UserEntity, 'id' | 'displayName' | 'email' | 'role' | 'timeZone' | 'bio' | 'active'>;
  mentor: Pick<UserEntity, 'id' | 'displayName' | 'email' | 'role' | 'timeZone' | 'bio' | 'active'>;
}

const PERSON_COLUMNS = ['id', 'display_name', 'email', 'role', 'time_zone', 'bio', 'active'] as const;
const LIST_SELECT = [
  'SELECT a.id AS a_id, a.created_at AS a_created_at,',
  PERSON_COLUMNS.map((c) => `s.${c} AS s_${c}`).join(', '),
  ',',
  PERSON_COLUMNS.map((c) => `m.${c} AS m_${c}`).join(', '),
  'FROM assignments a INNER JOIN users s ON s.id = a.student_id INNER JOIN users m ON m.id = a.mentor_id',
].join(' ');

interface RawAssignment {
  [column: string]: unknown;
}

function person(raw: RawAssignment, prefix: 's' | 'm'): AssignmentRow['student'] {
  return {
    id: raw[`${prefix}_id`] as string,
    displayName: raw[`${prefix}_display_name`] as string,
    email: raw[`${prefix}_email`] as string,
    role: raw[`${prefix}_role`] as UserEntity['role'],
    timeZone: raw[`${prefix}_time_zone`] as string,
    bio: (raw[`${prefix}_bio`] as string | null) ?? null,
    active: Boolean(Number(raw[`${prefix}_active`])),
  };
}

@Injectable()
export class AssignmentsRepository {
  constructor(@InjectRepository(AssignmentEntity) private readonly repository: Repository<AssignmentEntity>) {}

  insert(rows: AssignmentEntity[], manager: EntityManager): Promise<void> {
    return insertRows(manager, AssignmentEntity, rows);
  }

  countForUser(userId: string, manager?: EntityManager): Promise<number> {
    const repo = manager ? manager.getRepository(AssignmentEntity) : this.repository;
    return repo.count({ where: [{ studentId: userId }, { mentorId: userId }] });
  }

  countForMentor(mentorId: string, manager: EntityManager): Promise<number> {
    return manager.getRepository(AssignmentEntity).count({ where: { mentorId } });
  }

  findById(id: string, manager?: EntityManager): Promise<AssignmentEntity | null> {
    return (manager ? manager.getRepository(AssignmentEntity) : this.repository).findOne({ where: { id } });
  }

  async delete(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(AssignmentEntity).delete({ id });
  }

  isAssigned(studentId: string, mentorId: string, manager?: EntityManager): Promise<boolean> {
    return (manager ? manager.getRepository(AssignmentEntity) : this.repository).exists({
      where: { studentId, mentorId },
    });
  }

  /** Students per mentor, for these mentors. */
  async countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>> {
    if (mentorIds.length === 0) return new Map();
    const rows: { mentor_id: string; n: number | string }[] = await this.repository
      .createQueryBuilder('a')
      .select('a.mentor_id', 'mentor_id')
      .addSelect('COUNT(*)', 'n')
      .where('a.mentor_id IN (:...mentorIds)', { mentorIds })
      .groupBy('a.mentor_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.mentor_id, Number(r.n)]));
  }

  /** Assignments with both people, in one query (no per-row lookups). */
  async listWithPeople(filter: {
    studentId?: string;
    mentorId?: string;
    after?: { createdAt: Date; id: string };
    limit?: number;
  }): Promise<AssignmentRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.studentId) {
      where.push('a.student_id = ?');
      params.push(filter.studentId);
    }
    if (filter.mentorId) {
      where.push('a.mentor_id = ?');
      params.push(filter.mentorId);
    }
    if (filter.after) {
      where.push('(a.created_at < ? OR (a.created_at = ? AND a.id < ?))');
      params.push(toDbTimestamp(filter.after.createdAt), toDbTimestamp(filter.after.createdAt), filter.after.id);
    }
    if (filter.limit) params.push(filter.limit + 1);
    // Plain SQL with an explicit column list: the dashboards read this on every load.
    const sql = [
      LIST_SELECT,
      where.length > 0 ? 'WHERE' : '',
      where.join(' AND '),
      'ORDER BY a.created_at DESC, a.id DESC',
      filter.limit ? 'LIMIT ?' : '',
    ].join(' ');
    const rows: RawAssignment[] = await this.repository.manager.query(sql, params);
    return rows.map((raw) => ({
      id: raw['a_id'] as string,
      createdAt: toDate(raw['a_created_at']),
      student: person(raw, 's'),
      mentor: person(raw, 'm'),
    }));
  }
}

/** Raw rows carry DATETIME as a Date (mysql2) or as 'YYYY-MM-DD HH:MM:SS.mmm' UTC text (SQLite). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
