import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { RequestStatus } from '@app/core/api/models/request-status';
import { formatDayMonth } from '@app/core/time/format';

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  pending: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

/**
 * A pending request past its expiry is expired even before the server's periodic job says so (the
 * server expires it anyway when the student sends a new one).
 */
export function currentStatus(
  request: Pick<MentoringRequestDto, 'status' | 'expiresAt'>,
  now: Date = new Date(),
): RequestStatus {
  return request.status === 'pending' && new Date(request.expiresAt).getTime() <= now.getTime()
    ? 'expired'
    : request.status;
}

/** Why the student cannot send another request while this one is pending. */
export function pendingRequestExplanation(
  request: Pick<MentoringRequestDto, 'mentor' | 'expiresAt'>,
  timeZone: string,
): string {
  const mentor = request.mentor.displayName;
  return `You can send a new request once ${mentor} answers, or on ${formatDayMonth(request.expiresAt, timeZone)} when this one expires.`;
}

/** "Dr. X has not answered yet. The request expires on 4 Dec." */
export function pendingRequestStatus(
  request: Pick<MentoringRequestDto, 'mentor' | 'expiresAt'>,
  timeZone: string,
): string {
  return `${request.mentor.displayName} has not answered yet. The request expires on ${formatDayMonth(request.expiresAt, timeZone)}.`;
}

/** What became of a request that is no longer pending, and what the student can do now. */
export function answeredRequestText(request: MentoringRequestDto, timeZone: string): string {
  const mentor = request.mentor.displayName;
  const topic = `“${request.topic}”`;
  switch (currentStatus(request)) {
    case 'accepted':
      return `${mentor} accepted your request ${topic} and scheduled a session.`;
    case 'declined':
      return request.declineReason
        ? `${mentor} declined your request ${topic}: “${request.declineReason}” You can send a new request.`
        : `${mentor} declined your request ${topic}. You can send a new request.`;
    case 'expired':
      return `Your request ${topic} to ${mentor} expired on ${formatDayMonth(request.expiresAt, timeZone)} without an answer. You can send a new request.`;
    case 'withdrawn':
      return `You withdrew your request ${topic} to ${mentor}.`;
    case 'pending':
      return pendingRequestStatus(request, timeZone);
  }
}
