import type { AuthUser } from '../../common/auth/auth-user';
import { DomainEvent } from '../../common/events/domain-event';
import { toUserSummary } from '../users/user.dto';
import { SessionDto } from './dto/session.dto';
import { SessionEntity } from './session.entity';
import type { SessionWithPeople } from './sessions.repository';

/** What a viewer may see of a session: the mentor's notes stay with the mentor. */
export function toSessionDto(session: SessionWithPeople, viewer: AuthUser): SessionDto {
  return {
    id: session.id,
    status: session.status,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    location: session.location,
    meetingUrl: session.meetingUrl,
    agenda: session.agenda,
    ...(viewer.id === session.mentorId ? { mentorNotes: session.mentorNotes } : {}),
    mentor: toUserSummary(session.mentor),
    student: toUserSummary(session.student),
    requestId: session.requestId,
    cancelledBy: session.cancelledBy,
    cancelReason: session.cancelReason,
    cancelledAt: session.cancelledAt?.toISOString() ?? null,
    countsTowardsQuota: session.quotaMonth !== null,
    sequence: session.sequence,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}

export type SessionChange =
  'scheduled' | 'moved' | 'updated' | 'cancelled' | 'cancelled_by_programme' | 'completed' | 'no_show' | 'reminder';

export function sessionEvent(
  change: SessionChange,
  session: SessionEntity,
  actorId: string | null,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    type: `session.${change}`,
    at: new Date().toISOString(),
    actorId,
    audience: [session.mentorId, session.studentId],
    subject: { type: 'session', id: session.id },
    data: {
      id: session.id,
      status: session.status,
      mentorId: session.mentorId,
      studentId: session.studentId,
      requestId: session.requestId,
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
      cancelledBy: session.cancelledBy,
      ...extra,
    },
  };
}
