import { DataSource } from 'typeorm';
import { newId } from '../../src/common/crypto';
import { toDbTimestamp } from '../../src/database/database-options';
import type { TestApp } from '../utils/test-app';
import type { TestUser } from './users.factory';

/** A request written straight to the database, with chosen times (e.g. an old or answered one). */
export async function insertRequest(
  t: TestApp,
  student: TestUser,
  mentor: TestUser,
  status: string,
  createdAt = new Date(),
  answeredAt: Date | null = null,
): Promise<string> {
  const id = newId();
  await t.app
    .get(DataSource)
    .query(
      'INSERT INTO mentoring_requests (id, student_id, mentor_id, topic, message, status, pending_student_id, expires_at, answered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        student.id,
        mentor.id,
        'Topic',
        'Message',
        status,
        status === 'pending' ? student.id : null,
        toDbTimestamp(new Date(createdAt.getTime() + 7 * 86_400_000)),
        answeredAt ? toDbTimestamp(answeredAt) : null,
        toDbTimestamp(createdAt),
        toDbTimestamp(answeredAt ?? createdAt),
      ],
    );
  return id;
}

/** Ends a student's pending request (so a test can create a new one). */
export async function clearPending(t: TestApp, student: TestUser): Promise<void> {
  await t.app
    .get(DataSource)
    .query(
      "UPDATE mentoring_requests SET status = 'withdrawn', pending_student_id = NULL WHERE pending_student_id = ?",
      [student.id],
    );
}
