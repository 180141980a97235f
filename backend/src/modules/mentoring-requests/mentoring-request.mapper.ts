import { DomainEvent } from '../../common/events/domain-event';
import { toUserSummary } from '../users/user.dto';
import { MentoringRequestDto } from './dto/mentoring-request.dto';
import { MentoringRequestEntity } from './mentoring-request.entity';
import type { RequestWithPeople } from './mentoring-requests.repository';

export function toRequestDto(request: RequestWithPeople): MentoringRequestDto {
  return {
    id: request.id,
    status: request.status,
    topic: request.topic,
    message: request.message,
    preferredTimes: request.preferredTimes ? (JSON.parse(request.preferredTimes) as string[]) : [],
    student: toUserSummary(request.student),
    mentor: toUserSummary(request.mentor),
    declineReason: request.declineReason,
    sessionId: request.sessionId,
    expiresAt: request.expiresAt.toISOString(),
    answeredAt: request.answeredAt?.toISOString() ?? null,
    createdAt: request.createdAt.toISOString(),
    updatedAt: request.updatedAt.toISOString(),
  };
}

export type RequestChange = 'created' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

export function requestEvent(
  change: RequestChange,
  request: MentoringRequestEntity,
  actorId: string | null,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    type: `request.${change}`,
    at: new Date().toISOString(),
    actorId,
    audience: [request.studentId, request.mentorId],
    subject: { type: 'request', id: request.id },
    data: {
      id: request.id,
      status: request.status,
      studentId: request.studentId,
      mentorId: request.mentorId,
      topic: request.topic,
      createdAt: request.createdAt.toISOString(),
      expiresAt: request.expiresAt.toISOString(),
      answeredAt: request.answeredAt?.toISOString() ?? null,
      sessionId: request.sessionId,
      declineReason: request.declineReason,
      ...extra,
    },
  };
}
