import { Injectable } from '@nestjs/common';
import { monthKey, nextMonthStart } from '../../common/time/zoned';
import { SettingsService } from '../settings/settings.service';
import { MonthlyQuotaExceededError } from './quota.errors';
import { QuotaRepository } from './quota.repository';

export interface QuotaStatus {
  month: string;
  limit: number;
  used: number;
  remaining: number;
  resetsAt: Date;
}

/**
 * Monthly session quota: counted per student per calendar month of the session start in the
 * programme time zone; a per-student override wins over the programme default.
 */
@Injectable()
export class QuotaService {
  constructor(
    private readonly quotaRepository: QuotaRepository,
    private readonly settings: SettingsService,
  ) {}

  async status(studentId: string, at = new Date()): Promise<QuotaStatus> {
    const { programmeTimeZone, monthlySessionQuota } = await this.settings.get();
    const month = monthKey(at, programmeTimeZone);
    const student = await this.quotaRepository.studentMonth(studentId, month);
    const limit = student?.quotaOverride ?? monthlySessionQuota;
    const used = student?.used ?? 0;
    return {
      month,
      limit,
      used,
      remaining: Math.max(0, limit - used),
      resetsAt: nextMonthStart(at, programmeTimeZone),
    };
  }

  /** A fast refusal without a write: the same error the booking itself would raise. */
  async assertAvailable(studentId: string, at: Date): Promise<void> {
    const status = await this.status(studentId, at);
    if (status.remaining <= 0) throw new MonthlyQuotaExceededError(status.month, status.limit, status.resetsAt);
  }

  /**
   * The quota guard's early refusal, only between an assigned pair and for an active student. For
   * anyone else it says nothing, so the service answers NOT_ASSIGNED and no quota figure leaks.
   */
  async assertAvailableForPair(studentId: string, mentorId: string, at: Date): Promise<void> {
    const { programmeTimeZone, monthlySessionQuota } = await this.settings.get();
    const month = monthKey(at, programmeTimeZone);
    const student = await this.quotaRepository.assignedStudentMonth(studentId, mentorId, month);
    if (!student) return;
    const limit = student.quotaOverride ?? monthlySessionQuota;
    if (student.used >= limit) throw new MonthlyQuotaExceededError(month, limit, nextMonthStart(at, programmeTimeZone));
  }

  /** Inside the caller's transaction, counts a session starting at `startsAt`; returns the quota month it was counted in. */
  async consume(studentId: string, quotaOverride: number | null, startsAt: Date): Promise<string> {
    const { programmeTimeZone, monthlySessionQuota } = await this.settings.get();
    const limit = quotaOverride ?? monthlySessionQuota;
    const month = monthKey(startsAt, programmeTimeZone);
    if (!(await this.quotaRepository.consume(studentId, month, limit))) {
      throw new MonthlyQuotaExceededError(month, limit, nextMonthStart(startsAt, programmeTimeZone));
    }
    return month;
  }

  /** Gives a counted session back, inside the caller's transaction. */
  release(studentId: string, month: string): Promise<void> {
    return this.quotaRepository.release(studentId, month);
  }
}
