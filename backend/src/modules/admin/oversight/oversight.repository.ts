import { Injectable } from '@nestjs/common';
import { Role } from '../../../common/auth/role';
import { Db } from '../../../database/db';
import { sql, Sql } from '../../../database/sql';
import { MentoringRequestEntity, RequestStatus } from '../../mentoring-requests/mentoring-request.entity';
import { SessionStatus } from '../../sessions/session.entity';
import { PersonTable } from '../../users/person';

type Row = Record<string, unknown>;

/** Aggregate reads for the admin overview: grouped in SQL, no per-row look-ups; a read replica may serve them. */
@Injectable()
export class OversightRepository {
  constructor(private readonly db: Db) {}

  async pendingCounts(olderThan: Date): Promise<{ pending: number; overdue: number }> {
    const [row] = await this.read(
      sql`SELECT COUNT(*) AS pending, SUM(CASE WHEN created_at < ${olderThan} THEN 1 ELSE 0 END) AS overdue
          FROM mentoring_requests WHERE status = ${RequestStatus.Pending}`,
    );
    return { pending: Number(row?.['pending'] ?? 0), overdue: Number(row?.['overdue'] ?? 0) };
  }

  async overdueRequests(
    olderThan: Date,
    limit: number,
  ): Promise<
    { id: string; createdAt: Date; studentId: string; studentName: string; mentorId: string; mentorName: string }[]
  > {
    const rows = await this.read(
      sql`SELECT ${this.db.columns(MentoringRequestEntity, 'r', 'r_', ['id', 'createdAt'])},
                 ${this.db.columns(PersonTable, 's', 's_', ['id', 'displayName'])},
                 ${this.db.columns(PersonTable, 'm', 'm_', ['id', 'displayName'])}
          FROM mentoring_requests r JOIN users s ON s.id = r.student_id JOIN users m ON m.id = r.mentor_id
          WHERE r.status = ${RequestStatus.Pending} AND r.created_at < ${olderThan}
          ORDER BY r.created_at ASC LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((row) => {
      const request = this.db.hydrate(MentoringRequestEntity, row, 'r_')!;
      const student = this.db.hydrate(PersonTable, row, 's_')!;
      const mentor = this.db.hydrate(PersonTable, row, 'm_')!;
      return {
        id: request.id,
        createdAt: request.createdAt,
        studentId: student.id,
        studentName: student.displayName,
        mentorId: mentor.id,
        mentorName: mentor.displayName,
      };
    });
  }

  async sessionStatusCounts(from: Date, to: Date): Promise<Record<string, number>> {
    const rows = await this.read(
      sql`SELECT status, COUNT(*) AS n FROM sessions WHERE starts_at >= ${from} AND starts_at < ${to} GROUP BY status`,
    );
    return Object.fromEntries(rows.map((r) => [String(r['status']), Number(r['n'])]));
  }

  /** How many students used how many sessions in the month (students with no counter used 0). */
  async quotaUsage(month: string): Promise<{ used: number; students: number }[]> {
    const rows = await this.read(
      sql`SELECT COALESCE(q.used, 0) AS used, COUNT(*) AS n
          FROM users u LEFT JOIN quota_usage q ON q.student_id = u.id AND q.month = ${month}
          WHERE u.role = ${Role.Student} AND u.active = ${true} GROUP BY COALESCE(q.used, 0)`,
    );
    return rows.map((r) => ({ used: Number(r['used']), students: Number(r['n']) }));
  }

  async answerDurations(since: Date): Promise<number[]> {
    const rows = await this.read(
      sql`SELECT ${this.db.columns(MentoringRequestEntity, 'r', '', ['id', 'createdAt', 'answeredAt'])}
          FROM mentoring_requests r
          WHERE r.answered_at IS NOT NULL AND r.answered_at >= ${since}
            AND r.status IN (${RequestStatus.Accepted}, ${RequestStatus.Declined})`,
    );
    return rows.map((row) => {
      const request = this.db.hydrate(MentoringRequestEntity, row)!;
      return request.answeredAt!.getTime() - request.createdAt.getTime();
    });
  }

  /** Held or booked since `since` (an upcoming booking counts as activity). */
  async inactiveMentors(since: Date): Promise<{ id: string; displayName: string }[]> {
    return this.people(
      sql`SELECT ${this.db.columns(PersonTable, 'u', '', ['id', 'displayName'])} FROM users u
          WHERE u.role = ${Role.Mentor} AND u.active = ${true}
          AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.mentor_id = u.id
                          AND s.status IN (${SessionStatus.Scheduled}, ${SessionStatus.Completed}) AND s.starts_at >= ${since})
          ORDER BY u.display_name LIMIT 200`,
    );
  }

  async studentsWithoutSession(since: Date): Promise<{ id: string; displayName: string }[]> {
    return this.people(
      sql`SELECT ${this.db.columns(PersonTable, 'u', '', ['id', 'displayName'])} FROM users u
          WHERE u.role = ${Role.Student} AND u.active = ${true}
          AND EXISTS (SELECT 1 FROM assignments a WHERE a.student_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.student_id = u.id
                          AND s.status IN (${SessionStatus.Scheduled}, ${SessionStatus.Completed}) AND s.starts_at >= ${since})
          ORDER BY u.display_name LIMIT 200`,
    );
  }

  sessionsForExport(from: Date, to: Date): Promise<Row[]> {
    return this.read(
      sql`SELECT s.id, s.starts_at, s.ends_at, s.status, s.location, s.meeting_url, s.cancelled_by, s.cancel_reason, s.request_id,
                 m.display_name AS mentor_name, m.email AS mentor_email, st.display_name AS student_name, st.email AS student_email
          FROM sessions s JOIN users m ON m.id = s.mentor_id JOIN users st ON st.id = s.student_id
          WHERE s.starts_at >= ${from} AND s.starts_at < ${to} ORDER BY s.starts_at, s.id`,
    );
  }

  private async people(statement: Sql): Promise<{ id: string; displayName: string }[]> {
    return (await this.read(statement)).map((row) => {
      const { id, displayName } = this.db.hydrate(PersonTable, row)!;
      return { id, displayName };
    });
  }

  private read(statement: Sql): Promise<Row[]> {
    return this.db.onReplica(() => this.db.rows(statement));
  }
}
