import type { SessionDto } from '@app/core/api/models/session-dto';
import type { SessionStatus } from '@app/core/api/models/session-status';

export const SESSION_STATUSES: readonly { value: SessionStatus; label: string; meaning: string }[] = [
  { value: 'scheduled', label: 'Scheduled', meaning: 'booked and still to come or waiting for an outcome' },
  { value: 'completed', label: 'Completed', meaning: 'took place' },
  { value: 'no_show', label: 'No-show', meaning: 'the student did not come' },
  { value: 'cancelled', label: 'Cancelled', meaning: 'called off by the mentor or the student' },
];

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  completed: 'Completed',
  no_show: 'No-show',
  cancelled: 'Cancelled',
};

export type Viewer = 'student' | 'mentor';

/** The person on the other side of the session. */
export function otherParty(session: SessionDto, viewer: Viewer): SessionDto['mentor'] {
  return viewer === 'mentor' ? session.student : session.mentor;
}

export function hasStarted(session: SessionDto, now: Date = new Date()): boolean {
  return new Date(session.startsAt).getTime() <= now.getTime();
}

/** What a viewer may still do with a session; the server checks again. */
export function sessionActions(session: SessionDto, viewer: Viewer, now: Date = new Date()) {
  const open = session.status === 'scheduled';
  const started = hasStarted(session, now);
  return {
    cancel: open && !started,
    reschedule: viewer === 'mentor' && open && !started,
    complete: viewer === 'mentor' && open && started,
    noShow: viewer === 'mentor' && open && started,
  };
}

/** "Cancelled by you: I am ill." */
export function cancellationText(session: SessionDto, viewer: Viewer): string {
  const by = !session.cancelledBy
    ? ''
    : session.cancelledBy === viewer
      ? ' by you'
      : session.cancelledBy === 'admin'
        ? ' by the programme'
        : ` by the ${session.cancelledBy}`;
  return `Cancelled${by}${session.cancelReason ? `: ${session.cancelReason}` : '.'}`;
}
