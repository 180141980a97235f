import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QuotaUsageEntity } from './quota-usage.entity';

@Injectable()
export class QuotaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async used(studentId: string, month: string): Promise<number> {
    const rows: { used: number | string }[] = await this.dataSource.query('SELECT used FROM quota_usage WHERE student_id = ? AND month = ?', [studentId, month]);
    return rows.length > 0 ? Number(rows[0].used) : 0;
  }

  /**
   * Takes one unit of a student's month if fewer than `limit` are used: a conditional UPDATE on
   * the counter row, so concurrent bookings (on any instance) can never overshoot.
   */
  async consume(manager: EntityManager, studentId: string, month: string, limit: number): Promise<boolean> {
    await manager.createQueryBuilder().insert().into(QuotaUsageEntity).values({ studentId, month, used: 0 }).orIgnore().updateEntity(false).execute();
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
