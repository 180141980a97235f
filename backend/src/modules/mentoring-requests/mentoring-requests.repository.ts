import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, LessThanOrEqual, Repository } from 'typeorm';
import { insertRows } from '../../database/insert-rows';
import { attachPeople, joinPeople, PersonColumns } from '../users/person-columns';
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
  constructor(@InjectRepository(MentoringRequestEntity) private readonly repository: Repository<MentoringRequestEntity>) {}

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
  async resolve(manager: EntityManager, id: string, to: RequestStatus, patch: Partial<MentoringRequestEntity>, now: Date, mentorId?: string): Promise<boolean> {
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
    return this.repository.find({ where: { status: RequestStatus.Pending, expiresAt: LessThanOrEqual(now) }, order: { expiresAt: 'ASC' }, take: limit });
  }

  async list(filter: RequestListFilter): Promise<RequestWithPeople[]> {
    const query = joinPeople(this.repository.createQueryBuilder('r'), 'r');
    if (filter.studentId) query.andWhere('r.student_id = :studentId', { studentId: filter.studentId });
    if (filter.mentorId) query.andWhere('r.mentor_id = :mentorId', { mentorId: filter.mentorId });
    if (filter.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter.from) query.andWhere('r.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('r.created_at < :to', { to: filter.to });
    const column = filter.sort === 'updated' ? 'r.updated_at' : 'r.created_at';
    // eslint-disable-next-line no-restricted-syntax -- `column` is one of two constants; the values are bound
    if (filter.after) query.andWhere(`(${column} < :afterAt OR (${column} = :afterAt AND r.id < :afterId))`, { afterAt: filter.after.at, afterId: filter.after.id });
    const rows = await query.orderBy(column, 'DESC').addOrderBy('r.id', 'DESC').limit(filter.limit + 1).getRawAndEntities();
    return attachPeople(rows, 'r');
  }

  async findWithPeople(id: string, manager?: EntityManager): Promise<RequestWithPeople | null> {
    const repo = manager ? manager.getRepository(MentoringRequestEntity) : this.repository;
    const rows = await joinPeople(repo.createQueryBuilder('r'), 'r').where('r.id = :id', { id }).getRawAndEntities();
    return attachPeople(rows, 'r')[0] ?? null;
  }
}
