import { Injectable } from '@nestjs/common';
import { toDbTimestamp } from '../../../database/database-options';
import { ReplicaReads } from '../../../database/replica-reads';
import { toDate } from '../../../common/time/raw-date';
import { RequestStatus } from '../../mentoring-requests/mentoring-request.entity';
import { SessionStatus } from '../../sessions/session.entity';
import { Role } from '../../../common/auth/role';

/** Aggregate reads for the admin overview: grouped in SQL, no per-row look-ups; a read replica may serve them. */
@Injectable()
export class OversightRepository {
  constructor(private readonly replicas: ReplicaReads) {}

  async pendingCounts(olderThan: Date): Promise<{ pending: number; overdue: number }> {
    const [row] = await this.query(
      'SELECT COUNT(*) AS pending, SUM(CASE WHEN created_at < ? THEN 1 ELSE 0 END) AS overdue FROM mentoring_requests WHERE status = ?',
      [this.ts(olderThan), RequestStatus.Pending],
    );
    return { pending: Number(row?.pending ?? 0), overdue: Number(row?.overdue ?? 0) };
  }

  async overdueRequests(
    olderThan: Date,
    limit: number,
  ): Promise<
    { id: string; createdAt: Date; studentId: string; studentName: string; mentorId: string; mentorName: string }[]
  > {
    const rows: Record<string, unknown>[] = await this.query(
      `SELECT r.id, r.created_at, s.id AS student_id, s.display_name AS student_name, m.id AS mentor_id, m.display_name AS mentor_name
       FROM mentoring_requests r JOIN users s ON s.id = r.student_id JOIN users m ON m.id = r.mentor_id
       WHERE r.status = ? AND r.created_at < ? ORDER BY r.created_at ASC LIMIT ?`,
      [RequestStatus.Pending, this.ts(olderThan), Math.trunc(limit)],
    );
    return rows.map((r) => ({
      id: String(r['id']),
      createdAt: toDate(r['created_at']),
      studentId: String(r['student_id']),
      studentName: String(r['student_name']),
      mentorId: String(r['mentor_id']),
      mentorName: String(r['mentor_name']),
    }));
  }

  async sessionStatusCounts(from: Date, to: Date): Promise<Record<string, number>> {
    const rows: { status: string; n: number | string }[] = await this.query(
      'SELECT status, COUNT(*) AS n FROM sessions WHERE starts_at >= ? AND starts_at < ? GROUP BY status',
      [this.ts(from), this.ts(to)],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** How many students used how many sessions in the month (students with no counter used 0). */
  async quotaUsage(month: string): Promise<{ used: number; students: number }[]> {
    const rows: { used: number | string; n: number | string }[] = await this.query(
      `SELECT COALESCE(q.used, 0) AS used, COUNT(*) AS n FROM users u LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ?
       WHERE u.role = ? AND u.active = ? GROUP BY COALESCE(q.used, 0)`,
      [month, Role.Student, 1],
    );
    return rows.map((r) => ({ used: Number(r.used), students: Number(r.n) }));
  }

  async answerDurations(since: Date): Promise<number[]> {
    const rows: { created_at: unknown; answered_at: unknown }[] = await this.query(
      'SELECT created_at, answered_at FROM mentoring_requests WHERE answered_at IS NOT NULL AND answered_at >= ? AND status IN (?, ?)',
      [this.ts(since), RequestStatus.Accepted, RequestStatus.Declined],
    );
    return rows.map((r) => toDate(r.answered_at).getTime() - toDate(r.created_at).getTime());
  }

  /** Held or booked since `since` (an upcoming booking counts as activity). */
  async inactiveMentors(since: Date): Promise<{ id: string; displayName: string }[]> {
    return this.query(
      `SELECT u.id, u.display_name AS displayName FROM users u WHERE u.role = ? AND u.active = ?
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.mentor_id = u.id AND s.status IN (?, ?) AND s.starts_at >= ?)
       ORDER BY u.display_name LIMIT 200`,
      [Role.Mentor, 1, SessionStatus.Scheduled, SessionStatus.Completed, this.ts(since)],
    );
  }

  async studentsWithoutSession(since: Date): Promise<{ id: string; displayName: string }[]> {
    return this.query(
      `SELECT u.id, u.display_name AS displayName FROM users u WHERE u.role = ? AND u.active = ?
       AND EXISTS (SELECT 1 FROM assignments a WHERE a.student_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.student_id = u.id AND s.status IN (?, ?) AND s.starts_at >= ?)
       ORDER BY u.display_name LIMIT 200`,
      [Role.Student, 1, SessionStatus.Scheduled, SessionStatus.Completed, this.ts(since)],
    );
  }

  async sessionsForExport(from: Date, to: Date): Promise<Record<string, unknown>[]> {
    return this.query(
      `SELECT s.id, s.starts_at, s.ends_at, s.status, s.location, s.meeting_url, s.cancelled_by, s.cancel_reason, s.request_id,
              m.display_name AS mentor_name, m.email AS mentor_email, st.display_name AS student_name, st.email AS student_email
       FROM sessions s JOIN users m ON m.id = s.mentor_id JOIN users st ON st.id = s.student_id
       WHERE s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at, s.id`,
      [this.ts(from), this.ts(to)],
    );
  }

  private query<T = any>(sql: string, parameters: unknown[]): Promise<T> {
    return this.replicas.run((manager) => manager.query(sql, parameters));
  }

  private ts(date: Date): string {
    return toDbTimestamp(date);
  }
}
