import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThanOrEqual, Repository } from 'typeorm';
import { toDbTimestamp } from '../../database/database-options';
import { insertRows } from '../../database/insert-rows';
import { hydrate, selectColumns } from '../../database/raw-rows';
import { attachPeople, joinPeople, person, PersonColumns, personSelect } from '../users/person-columns';
import { MentoringRequestEntity, RequestStatus } from './mentoring-request.entity';

export interface RequestListFilter {
  studentId?: string;
  mentorId?: string;
  status?: RequestStatus;
  from?: Date;
  to?: Date;
  sort?: 'created' | 'updated';
  after?: { at: Date; id: string };
  limit: number;
}

export type RequestWithPeople = MentoringRequestEntity & { mentor: PersonColumns; student: PersonColumns };

@Injectable()
export class MentoringRequestsRepository {
  constructor(
    @InjectRepository(MentoringRequestEntity) private readonly repository: Repository<MentoringRequestEntity>,
  ) {}

  insert(request: MentoringRequestEntity, manager: EntityManager): Promise<void> {
    return insertRows(manager, MentoringRequestEntity, [request]);
  }

  findById(id: string, manager?: EntityManager): Promise<MentoringRequestEntity | null> {
    return (manager ? manager.getRepository(MentoringRequestEntity) : this.repository).findOne({ where: { id } });
  }

  findPendingOf(studentId: string): Promise<MentoringRequestEntity | null> {
    return this.repository.findOne({ where: { pendingStudentId: studentId } });
  }

  /**
   * Moves a pending request to a final state; only one caller can win (the conditional UPDATE
   * reports affected rows). Clearing pending_student_id frees the student to ask again.
   */
  async resolve(
    manager: EntityManager,
    id: string,
    to: RequestStatus,
    patch: Partial<MentoringRequestEntity>,
    now: Date,
    mentorId?: string,
  ): Promise<boolean> {
    const query = manager
      .createQueryBuilder()
      .update(MentoringRequestEntity)
      .set({ ...patch, status: to, pendingStudentId: null, updatedAt: now })
      .where('id = :id AND status = :pending', { id, pending: RequestStatus.Pending });
    if (mentorId) query.andWhere('mentor_id = :mentorId', { mentorId });
    const result = await query.execute();
    return result.affected === 1;
  }

  findDueForExpiry(now: Date, limit: number): Promise<MentoringRequestEntity[]> {
    return this.repository.find({
      where: { status: RequestStatus.Pending, expiresAt: LessThanOrEqual(now) },
      order: { expiresAt: 'ASC' },
      take: limit,
    });
  }

  /** Plain SQL with an explicit column list and both people joined: the dashboards read this on every load. */
  async list(filter: RequestListFilter): Promise<RequestWithPeople[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filter.studentId) add('r.student_id = ?', filter.studentId);
    if (filter.mentorId) add('r.mentor_id = ?', filter.mentorId);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.from) add('r.created_at >= ?', toDbTimestamp(filter.from));
    if (filter.to) add('r.created_at < ?', toDbTimestamp(filter.to));
    const byUpdate = filter.sort === 'updated';
    if (filter.after) {
      const at = toDbTimestamp(filter.after.at);
      add(
        byUpdate
          ? '(r.updated_at < ? OR (r.updated_at = ? AND r.id < ?))'
          : '(r.created_at < ? OR (r.created_at = ? AND r.id < ?))',
        at,
        at,
        filter.after.id,
      );
    }
    params.push(filter.limit + 1);
    const sql = [
      this.listSelect,
      where.length > 0 ? 'WHERE' : '',
      where.join(' AND '),
      byUpdate ? 'ORDER BY r.updated_at DESC, r.id DESC' : 'ORDER BY r.created_at DESC, r.id DESC',
      'LIMIT ?',
    ].join(' ');
    const rows: Record<string, unknown>[] = await this.repository.manager.query(sql, params);
    const dataSource = this.repository.manager.connection;
    return rows.map((row) =>
      Object.assign(hydrate(dataSource, MentoringRequestEntity, row, 'r_') as MentoringRequestEntity, {
        mentor: person(row, 'm'),
        student: person(row, 'st'),
      }),
    );
  }

  private selectCache?: string;

  private get listSelect(): string {
    this.selectCache ??= [
      'SELECT',
      selectColumns(this.repository.manager.connection, MentoringRequestEntity, 'r', 'r_'),
      ',',
      personSelect('m'),
      ',',
      personSelect('st'),
      'FROM mentoring_requests r INNER JOIN users m ON m.id = r.mentor_id INNER JOIN users st ON st.id = r.student_id',
    ].join(' ');
    return this.selectCache;
  }

  async findWithPeople(id: string, manager?: EntityManager): Promise<RequestWithPeople | null> {
    const repo = manager ? manager.getRepository(MentoringRequestEntity) : this.repository;
    const rows = await joinPeople(repo.createQueryBuilder('r'), 'r').where('r.id = :id', { id }).getRawAndEntities();
    return attachPeople(rows, 'r')[0] ?? null;
  }
}
