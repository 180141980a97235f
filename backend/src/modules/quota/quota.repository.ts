import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../../common/auth/role';
import { QuotaUsageEntity } from './quota-usage.entity';

@Injectable()
export class QuotaRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The student's override (if any) and what they used in `month`: one statement. */
  async studentMonth(studentId: string, month: string): Promise<{ quotaOverride: number | null; used: number } | null> {
    const rows: { quota_override: number | string | null; used: number | string | null }[] =
      await this.dataSource.query(
        'SELECT u.quota_override, q.used FROM users u LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ? WHERE u.id = ?',
        [month, studentId],
      );
    if (rows.length === 0) return null;
    return {
      quotaOverride: rows[0].quota_override === null ? null : Number(rows[0].quota_override),
      used: rows[0].used === null ? 0 : Number(rows[0].used),
    };
  }

  /**
   * The same, but only for an active student assigned to `mentorId` (null for anyone else), in one
   * statement: the assignment is part of the read, not a separate check that could come second.
   */
  async assignedStudentMonth(
    studentId: string,
    mentorId: string,
    month: string,
  ): Promise<{ quotaOverride: number | null; used: number } | null> {
    const rows: { quota_override: number | string | null; used: number | string | null }[] =
      await this.dataSource.query(
        `SELECT u.quota_override, q.used FROM assignments a INNER JOIN users u ON u.id = a.student_id
       LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ?
       WHERE a.student_id = ? AND a.mentor_id = ? AND u.role = ? AND u.active = ?`,
        [month, studentId, mentorId, Role.Student, 1],
      );
    if (rows.length === 0) return null;
    return {
      quotaOverride: rows[0].quota_override === null ? null : Number(rows[0].quota_override),
      used: rows[0].used === null ? 0 : Number(rows[0].used),
    };
  }

  /**
   * Takes one unit of a student's month if fewer than `limit` are used: a conditional UPDATE on
   * the counter row, so concurrent bookings (on any instance) can never overshoot.
   */
  async consume(manager: EntityManager, studentId: string, month: string, limit: number): Promise<boolean> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(QuotaUsageEntity)
      .values({ studentId, month, used: 0 })
      .orIgnore()
      .updateEntity(false)
      .execute();
    const result = await manager
      .createQueryBuilder()
      .update(QuotaUsageEntity)
      .set({ used: () => 'used + 1' })
      .where('student_id = :studentId AND month = :month AND used < :limit', { studentId, month, limit })
      .execute();
    return result.affected === 1;
  }

  async release(manager: EntityManager, studentId: string, month: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(QuotaUsageEntity)
      .set({ used: () => 'used - 1' })
      .where('student_id = :studentId AND month = :month AND used > 0', { studentId, month })
      .execute();
  }
}
