import { Injectable } from '@nestjs/common';
import { Role } from '../../common/auth/role';
import { Db } from '../../database/db';
import { raw, sql } from '../../database/sql';

export interface StudentMonth {
  quotaOverride: number | null;
  used: number;
}

interface StudentMonthRow extends Record<string, unknown> {
  quota_override: number | string | null;
  used: number | string | null;
}

function toStudentMonth(rows: StudentMonthRow[]): StudentMonth | null {
  const [row] = rows;
  if (!row) return null;
  return {
    quotaOverride: row.quota_override === null ? null : Number(row.quota_override),
    used: row.used === null ? 0 : Number(row.used),
  };
}

/**
 * The quota counters. The two reads join the student's override (and the assignment) into the
 * counter read, so the dashboard and the early refusal each cost one statement.
 */
@Injectable()
export class QuotaRepository {
  constructor(private readonly db: Db) {}

  /** The student's override (if any) and what they used in `month`: one statement. */
  async studentMonth(studentId: string, month: string): Promise<StudentMonth | null> {
    return toStudentMonth(
      await this.db.rows<StudentMonthRow>(
        sql`SELECT u.quota_override, q.used FROM users u LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ${month} WHERE u.id = ${studentId}`,
      ),
    );
  }

  /**
   * The same, but only for an active student assigned to `mentorId` (null for anyone else), in one
   * statement: the assignment is part of the read, not a separate check that could come second.
   */
  async assignedStudentMonth(studentId: string, mentorId: string, month: string): Promise<StudentMonth | null> {
    return toStudentMonth(
      await this.db.rows<StudentMonthRow>(
        sql`SELECT u.quota_override, q.used FROM assignments a INNER JOIN users u ON u.id = a.student_id
          LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ${month}
          WHERE a.student_id = ${studentId} AND a.mentor_id = ${mentorId} AND u.role = ${Role.Student} AND u.active = ${true}`,
      ),
    );
  }

  /**
   * Takes one unit of a student's month if fewer than `limit` are used: a conditional UPDATE on
   * the counter row, so concurrent bookings (on any instance) can never overshoot.
   */
  async consume(studentId: string, month: string, limit: number): Promise<boolean> {
    const insertIgnore = raw(this.db.isMysql ? 'INSERT IGNORE' : 'INSERT OR IGNORE');
    await this.db.run(
      sql`${insertIgnore} INTO quota_usage (student_id, month, used) VALUES (${studentId}, ${month}, ${0})`,
    );
    const changed = await this.db.run(
      sql`UPDATE quota_usage SET used = used + 1 WHERE student_id = ${studentId} AND month = ${month} AND used < ${limit}`,
    );
    return changed === 1;
  }

  async release(studentId: string, month: string): Promise<void> {
    await this.db.run(
      sql`UPDATE quota_usage SET used = used - 1 WHERE student_id = ${studentId} AND month = ${month} AND used > 0`,
    );
  }
}
