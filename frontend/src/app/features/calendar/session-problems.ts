import { HttpErrorResponse } from '@angular/common/http';
import { fieldMessages, problemCode, problemMessage } from '@app/core/errors/problem';
import { formatDayMonth, formatResetDate, formatTimeRange, monthName } from '@app/core/time/format';

interface Extras {
  conflict?: { party?: 'mentor' | 'student'; startsAt?: string; endsAt?: string };
  pendingRequest?: { mentorName?: string; expiresAt?: string };
  month?: string;
  limit?: number;
  resetsAt?: string;
}

function extras(error: unknown): Extras {
  if (!(error instanceof HttpErrorResponse)) return {};
  const body = typeof error.error === 'string' ? safeParse(error.error) : error.error;
  return typeof body === 'object' && body !== null ? (body as Extras) : {};
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Why scheduling or moving a session failed, in the mentor's words and time zone. The mentor
 * cannot see a student's remaining allowance, so a full month is explained here.
 */
export function scheduleProblemMessage(error: unknown, timeZone: string, studentName = 'The student'): string {
  const code = problemCode(error);
  const p = extras(error);
  if (code === 'SCHEDULE_CONFLICT' && p.conflict?.startsAt && p.conflict.endsAt) {
    const when = formatTimeRange(p.conflict.startsAt, p.conflict.endsAt, timeZone);
    return p.conflict.party === 'student'
      ? `${studentName} already has another session then (${when}). Choose another time.`
      : `You already have a session then (${when}). Choose another time.`;
  }
  if (code === 'MONTHLY_QUOTA_EXCEEDED') {
    const month = p.month ? monthName(p.month) : 'that month';
    const limit = typeof p.limit === 'number' ? ` all ${p.limit} session${p.limit === 1 ? '' : 's'}` : ' every session';
    const resets = p.resetsAt
      ? ` Their allowance starts again on ${formatResetDate(p.resetsAt, timeZone)}, so a date from then on works.`
      : '';
    return `${studentName} has already used${limit} allowed in ${month}.${resets} They can also cancel another session to free one.`;
  }
  if (code === 'VALIDATION_FAILED') {
    const messages = Object.values(fieldMessages(error));
    if (messages.length > 0) return messages.join(' ');
  }
  return problemMessage(error);
}

/** Why a student's request was refused, in the student's time zone. */
export function requestProblemMessage(error: unknown, timeZone: string): string {
  const code = problemCode(error);
  const p = extras(error);
  if (code === 'REQUEST_ALREADY_PENDING' && p.pendingRequest?.mentorName) {
    const { mentorName, expiresAt } = p.pendingRequest;
    const expiry = expiresAt ? `, or on ${formatDayMonth(expiresAt, timeZone)} when it expires` : '';
    return `You already have a request waiting for ${mentorName}. You can send a new one once ${mentorName} answers${expiry}.`;
  }
  if (code === 'MONTHLY_QUOTA_EXCEEDED') {
    const month = p.month ? monthName(p.month) : 'this month';
    const resets = p.resetsAt ? ` You can ask again from ${formatResetDate(p.resetsAt, timeZone)}.` : '';
    return `You have used all your sessions for ${month}.${resets}`;
  }
  return problemMessage(error);
}
