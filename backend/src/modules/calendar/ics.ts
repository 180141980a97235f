import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface IcsSession {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  updatedAt: Date;
  sequence: number;
  location: string | null;
  meetingUrl: string | null;
  agenda: string | null;
  /** The other person, from the subscriber's point of view. */
  counterpartName: string;
}

/** Stable across changes, so calendar apps update the event instead of adding a new one. */
export function sessionUid(sessionId: string): string {
  return `${sessionId}@peerpals`;
}

/**
 * An iCalendar document (RFC 5545) of sessions: UTC times, SEQUENCE from the session, cancelled
 * sessions kept with STATUS:CANCELLED so subscribers remove them. Mentors' private notes never
 * appear here.
 */
export function buildCalendar(
  sessions: IcsSession[],
  options: { name: string; method?: 'REQUEST' | 'CANCEL' },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'PeerPals', product: 'PeerPals', language: 'EN' },
    ...(options.method
      ? { method: options.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST }
      : {}),
  });
  for (const session of sessions) {
    calendar.createEvent({
      id: sessionUid(session.id),
      sequence: session.sequence,
      start: session.startsAt,
      end: session.endsAt,
      stamp: session.updatedAt,
      lastModified: session.updatedAt,
      summary: `Mentoring session with ${session.counterpartName}`,
      description: session.agenda ?? undefined,
      location: session.location ?? session.meetingUrl ?? undefined,
      url: session.meetingUrl ?? undefined,
      status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
