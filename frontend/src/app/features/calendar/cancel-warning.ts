import type { SessionDto } from '@app/core/api/models/session-dto';
import type { Viewer } from './session-status';

/**
 * The programme's `cancellationWindowHours`. Only admins can read the setting, so the portal
 * assumes the default; the server decides and the dialog says "about" nothing it cannot know.
 */
export const CANCELLATION_WINDOW_HOURS = 24;

/** Whether cancelling now gives the session back to the student's monthly allowance. */
export function cancellationRefundsQuota(
  session: Pick<SessionDto, 'startsAt' | 'countsTowardsQuota'>,
  by: Viewer,
  now: Date = new Date(),
  windowHours = CANCELLATION_WINDOW_HOURS,
): boolean {
  if (!session.countsTowardsQuota) return false;
  return by === 'mentor' || new Date(session.startsAt).getTime() - now.getTime() >= windowHours * 3_600_000;
}

export interface CancelNotice {
  /** A warning the person must read before cancelling, or reassurance. */
  kind: 'warning' | 'info';
  text: string;
}

/** What the cancel dialog tells the person about the monthly allowance. */
export function cancelNotice(
  session: Pick<SessionDto, 'startsAt' | 'countsTowardsQuota' | 'student'>,
  by: Viewer,
  now: Date = new Date(),
  windowHours = CANCELLATION_WINDOW_HOURS,
): CancelNotice | null {
  if (!session.countsTowardsQuota) return null;
  if (by === 'mentor') {
    return { kind: 'info', text: `${session.student.displayName} gets this session back in their monthly allowance.` };
  }
  if (cancellationRefundsQuota(session, by, now, windowHours)) {
    return { kind: 'info', text: 'You get this session back in your monthly allowance.' };
  }
  return {
    kind: 'warning',
    text: `This session starts in less than ${windowHours} hours. If you cancel now, you do not get it back: it still counts towards your monthly allowance.`,
  };
}
