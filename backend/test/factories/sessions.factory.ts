import { newId } from '../../src/common/crypto';
import { SessionEntity, SessionStatus } from '../../src/modules/sessions/session.entity';
import { SessionsRepository } from '../../src/modules/sessions/sessions.repository';
import type { TestApp } from '../utils/test-app';
import type { TestUser } from './users.factory';

/** A session written straight to the database, e.g. one that has already started. */
export async function insertSession(
  t: TestApp,
  mentor: TestUser,
  student: TestUser,
  startsAt: Date,
  minutes = 60,
  status = SessionStatus.Scheduled,
): Promise<string> {
  const now = new Date();
  const session = Object.assign(new SessionEntity(), {
    id: newId(),
    mentorId: mentor.id,
    studentId: student.id,
    requestId: null,
    startsAt,
    endsAt: new Date(startsAt.getTime() + minutes * 60_000),
    location: null,
    meetingUrl: null,
    agenda: null,
    mentorNotes: null,
    status,
    quotaMonth: null,
    cancelledBy: null,
    cancelReason: null,
    cancelledAt: null,
    sequence: 0,
    reminderSentAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await t.app.get(SessionsRepository).insert(session);
  return session.id;
}

/** Whole hours from now, as an ISO string (for bodies). */
export function hoursFromNow(hours: number, base = Date.now()): string {
  return new Date(Math.ceil(base / 3_600_000) * 3_600_000 + hours * 3_600_000).toISOString();
}
