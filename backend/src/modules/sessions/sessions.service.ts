import { Injectable, OnModuleInit } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { DomainEventBus } from '../../common/events/domain-event';
import { FieldError, ValidationFailedError } from '../../common/errors/domain-error';
import { Page } from '../../common/pagination';
import { monthKey } from '../../common/time/zoned';
import { NotAssignedError } from '../assignments/assignments.errors';
import { AssignmentsService } from '../assignments/assignments.service';
import { QuotaService } from '../quota/quota.service';
import { SettingsService } from '../settings/settings.service';
import { Role } from '../../common/auth/role';
import { UsersService } from '../users/users.service';
import { CancelSessionDto, CreateSessionDto, SessionDto, SessionQueryDto, UpdateSessionDto } from './dto/session.dto';
import { sessionEvent, toSessionDto } from './session.mapper';
import { SessionEntity, SessionStatus } from './session.entity';
import {
  ScheduleConflictError,
  SessionNotFoundError,
  SessionNotModifiableError,
  SessionNotStartedError,
} from './sessions.errors';
import { SessionListFilter, SessionsRepository, SessionWithPeople } from './sessions.repository';
import { mapPage } from '../../database/keyset-page';
import { requirePairAccess } from '../../common/auth/pair-access';

export const MIN_DURATION_MS = 15 * 60_000;
export const MAX_DURATION_MS = 4 * 3_600_000;
export const MAX_RANGE_DAYS = 92;
export const ASSIGNMENT_ENDED_REASON = 'The mentorship assignment ended.';

export interface ScheduleInput {
  mentorId: string;
  studentId: string;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  meetingUrl?: string | null;
  agenda?: string | null;
  requestId?: string | null;
}

/** The mentor cancelling always gives the quota back; the student only when early enough. */
export function refundsQuota(byMentor: boolean, startsAt: Date, now: Date, cancellationWindowHours: number): boolean {
  return byMentor || startsAt.getTime() - now.getTime() >= cancellationWindowHours * 3_600_000;
}

/** Duration 15 min – 4 h, start in the future. */
export function timeProblems(startsAt: Date, endsAt: Date, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  if (startsAt.getTime() <= now.getTime())
    problems.push({ field: 'startsAt', message: 'startsAt must be in the future' });
  const duration = endsAt.getTime() - startsAt.getTime();
  if (duration < MIN_DURATION_MS || duration > MAX_DURATION_MS)
    problems.push({ field: 'endsAt', message: 'a session lasts between 15 minutes and 4 hours' });
  return problems;
}

const notFound = () => new SessionNotFoundError();

@Injectable()
export class SessionsService implements OnModuleInit {
  constructor(
    private readonly sessionsRepository: SessionsRepository,
    private readonly assignments: AssignmentsService,
    private readonly users: UsersService,
    private readonly quota: QuotaService,
    private readonly settings: SettingsService,
    private readonly events: DomainEventBus,
  ) {}

  /** Ending an assignment cancels the pair's upcoming sessions, in the transaction that ends it. */
  onModuleInit(): void {
    this.assignments.onEnded(async ({ mentorId, studentId, actorId }) => ({
      cancelledSessions: (await this.cancelForEndedAssignment(mentorId, studentId, actorId)).length,
    }));
  }

  async create(mentor: AuthUser, dto: CreateSessionDto): Promise<SessionDto> {
    const input = {
      mentorId: mentor.id,
      studentId: dto.studentId,
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      location: dto.location,
      meetingUrl: dto.meetingUrl,
      agenda: dto.agenda,
    };
    const session = await this.schedule(input);
    this.events.publish(sessionEvent('scheduled', session, mentor.id));
    return this.get(mentor, session.id);
  }

  /**
   * Books a session inside the caller's transaction (or its own). Holds under races: both people's
   * rows are locked before the overlap check, and the quota counter moves by a conditional UPDATE.
   */
  @Transactional()
  async schedule(input: ScheduleInput): Promise<SessionEntity> {
    const now = new Date();
    const problems = timeProblems(input.startsAt, input.endsAt, now);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    // Lock first, then read: every check below sees what concurrent bookings committed.
    await this.users.lockPeople([input.mentorId, input.studentId]);
    if (!(await this.assignments.isAssigned(input.studentId, input.mentorId))) {
      throw new NotAssignedError('You can only schedule sessions with students assigned to you.');
    }
    const student = await this.users.findById(input.studentId);
    if (!student || !student.active || student.role !== Role.Student)
      throw new NotAssignedError('This student is not active in the programme.');

    await this.assertNoClash(input.mentorId, input.studentId, input.startsAt, input.endsAt);
    const quotaMonth = await this.quota.consume(input.studentId, student.quotaOverride, input.startsAt);

    const session = Object.assign(new SessionEntity(), {
      id: newId(),
      mentorId: input.mentorId,
      studentId: input.studentId,
      requestId: input.requestId ?? null,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: input.location ?? null,
      meetingUrl: input.meetingUrl ?? null,
      agenda: input.agenda ?? null,
      mentorNotes: null,
      status: SessionStatus.Scheduled,
      quotaMonth,
      cancelledBy: null,
      cancelReason: null,
      cancelledAt: null,
      sequence: 0,
      reminderSentAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.sessionsRepository.insert(session);
    return session;
  }

  async update(mentor: AuthUser, id: string, dto: UpdateSessionDto): Promise<SessionDto> {
    await this.change(mentor, id, dto);
    return this.get(mentor, id);
  }

  @Transactional()
  private async change(mentor: AuthUser, id: string, dto: UpdateSessionDto): Promise<void> {
    const session = requirePairAccess(mentor, 'lead', await this.sessionsRepository.findForUpdate(id), notFound);
    await this.assertStillAssigned(session);
    const onlyNotes = Object.entries(dto).every(([key, value]) => value === undefined || key === 'mentorNotes');
    if (session.status !== SessionStatus.Scheduled && !(onlyNotes && session.status !== SessionStatus.Cancelled)) {
      throw new SessionNotModifiableError(
        `This session is ${session.status.replace('_', '-')} and can no longer be changed.`,
      );
    }

    const patch: Partial<SessionEntity> = { updatedAt: new Date() };
    for (const key of ['location', 'meetingUrl', 'agenda', 'mentorNotes'] as const) {
      if (dto[key] !== undefined) patch[key] = dto[key] ?? null;
    }
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : session.startsAt;
    const endsAt = dto.endsAt ? new Date(dto.endsAt) : session.endsAt;
    const moved = startsAt.getTime() !== session.startsAt.getTime() || endsAt.getTime() !== session.endsAt.getTime();
    if (moved) {
      const problems = timeProblems(startsAt, endsAt, new Date());
      if (problems.length > 0) throw new ValidationFailedError(problems);
      await this.users.lockPeople([session.mentorId, session.studentId]);
      await this.assertNoClash(session.mentorId, session.studentId, startsAt, endsAt, session.id);
      const { programmeTimeZone } = await this.settings.get();
      if (session.quotaMonth !== null && monthKey(startsAt, programmeTimeZone) !== session.quotaMonth) {
        // Moving into another month moves the count: take the new month first (may refuse), then give back the old.
        const student = await this.users.findById(session.studentId);
        patch.quotaMonth = await this.quota.consume(session.studentId, student?.quotaOverride ?? null, startsAt);
        await this.quota.release(session.studentId, session.quotaMonth);
      }
      patch.startsAt = startsAt;
      patch.endsAt = endsAt;
      patch.reminderSentAt = null;
    }
    await this.sessionsRepository.update(id, patch);
    const updated = Object.assign(session, patch);
    if (moved || !onlyNotes) this.events.publish(sessionEvent(moved ? 'moved' : 'updated', updated, mentor.id));
  }

  /**
   * Either party may cancel before the start. The quota comes back when the mentor cancels, or
   * when the student cancels at least `cancellationWindowHours` ahead.
   */
  async cancel(actor: AuthUser, id: string, dto: CancelSessionDto): Promise<SessionDto> {
    await this.cancelAs(actor, id, dto);
    return this.get(actor, id);
  }

  @Transactional()
  private async cancelAs(actor: AuthUser, id: string, dto: CancelSessionDto): Promise<void> {
    const session = requirePairAccess(actor, 'take-part', await this.sessionsRepository.findForUpdate(id), notFound);
    if (session.status !== SessionStatus.Scheduled)
      throw new SessionNotModifiableError(`This session is already ${session.status.replace('_', '-')}.`);
    const now = new Date();
    if (session.startsAt.getTime() <= now.getTime()) {
      throw new SessionNotModifiableError('This session has already started; mark it completed or no-show instead.');
    }
    const byMentor = actor.id === session.mentorId;
    const { cancellationWindowHours } = await this.settings.get();
    const refund = refundsQuota(byMentor, session.startsAt, now, cancellationWindowHours);
    const patch: Partial<SessionEntity> = {
      status: SessionStatus.Cancelled,
      cancelledBy: byMentor ? 'mentor' : 'student',
      cancelReason: dto.reason,
      cancelledAt: now,
      updatedAt: now,
    };
    if (refund && session.quotaMonth !== null) {
      await this.quota.release(session.studentId, session.quotaMonth);
      patch.quotaMonth = null;
    }
    await this.sessionsRepository.update(id, patch);
    this.events.publish(
      sessionEvent('cancelled', Object.assign(session, patch), actor.id, { quotaRefunded: refund, reason: dto.reason }),
    );
  }

  /**
   * When an assignment ends, the pair's upcoming sessions are cancelled by the programme in the
   * unassigning transaction, each giving its quota back. Both people are locked first, as scheduling
   * does, so a booking racing the unassignment is either seen here or refused as NOT_ASSIGNED.
   * Returns the cancelled sessions' ids; their events go out once the transaction has committed.
   */
  @Transactional()
  private async cancelForEndedAssignment(
    mentorId: string,
    studentId: string,
    actorId: string,
    now = new Date(),
  ): Promise<string[]> {
    await this.users.lockPeople([mentorId, studentId]);
    const upcoming = await this.sessionsRepository.findUpcomingOfPair(mentorId, studentId, now);
    for (const session of upcoming) {
      const patch: Partial<SessionEntity> = {
        status: SessionStatus.Cancelled,
        cancelledBy: 'admin',
        cancelReason: ASSIGNMENT_ENDED_REASON,
        cancelledAt: now,
        updatedAt: now,
        quotaMonth: null,
      };
      const quotaRefunded = session.quotaMonth !== null;
      if (session.quotaMonth !== null) await this.quota.release(studentId, session.quotaMonth);
      await this.sessionsRepository.update(session.id, patch);
      const cancelled = Object.assign(session, patch);
      const extra = { quotaRefunded, reason: ASSIGNMENT_ENDED_REASON };
      // Admins watch the usual cancellation; the two people get a notice that says why.
      this.events.publish([
        { ...sessionEvent('cancelled', cancelled, actorId, extra), audience: [] },
        sessionEvent('cancelled_by_programme', cancelled, actorId, extra),
      ]);
    }
    return upcoming.map((session) => session.id);
  }

  complete(mentor: AuthUser, id: string): Promise<SessionDto> {
    return this.finish(mentor, id, SessionStatus.Completed);
  }

  markNoShow(mentor: AuthUser, id: string): Promise<SessionDto> {
    return this.finish(mentor, id, SessionStatus.NoShow);
  }

  async list(viewer: AuthUser, query: SessionQueryDto): Promise<Page<SessionDto>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && (to.getTime() <= from.getTime() || to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)) {
      throw new ValidationFailedError([
        { field: 'to', message: `to must be after from and at most ${MAX_RANGE_DAYS} days later` },
      ]);
    }
    const isAdmin = viewer.role === Role.Admin;
    if (!isAdmin && (query.mentorId || query.studentId)) {
      throw new ValidationFailedError([
        { field: query.mentorId ? 'mentorId' : 'studentId', message: 'only admins can filter by person' },
      ]);
    }
    const filter: SessionListFilter = {
      participantId: isAdmin ? undefined : viewer.id,
      mentorId: query.mentorId,
      studentId: query.studentId,
      status: query.status,
      from,
      to,
      sort: query.sort,
    };
    const page = await this.sessionsRepository.list(filter, { limit: query.limit ?? 20, cursor: query.cursor });
    return mapPage(page, (s) => toSessionDto(s, viewer));
  }

  async get(viewer: AuthUser, id: string): Promise<SessionDto> {
    const session = requirePairAccess(viewer, 'view', await this.sessionsRepository.findWithPeople(id), notFound);
    return toSessionDto(session, viewer);
  }

  private async finish(
    mentor: AuthUser,
    id: string,
    status: SessionStatus.Completed | SessionStatus.NoShow,
  ): Promise<SessionDto> {
    await this.close(mentor, id, status);
    return this.get(mentor, id);
  }

  @Transactional()
  private async close(
    mentor: AuthUser,
    id: string,
    status: SessionStatus.Completed | SessionStatus.NoShow,
  ): Promise<void> {
    const session = requirePairAccess(mentor, 'lead', await this.sessionsRepository.findForUpdate(id), notFound);
    await this.assertStillAssigned(session);
    if (session.status !== SessionStatus.Scheduled)
      throw new SessionNotModifiableError(`This session is already ${session.status.replace('_', '-')}.`);
    if (session.startsAt.getTime() > Date.now()) throw new SessionNotStartedError();
    const patch = { status, updatedAt: new Date() };
    await this.sessionsRepository.update(id, patch);
    this.events.publish(
      sessionEvent(
        status === SessionStatus.Completed ? 'completed' : 'no_show',
        Object.assign(session, patch),
        mentor.id,
      ),
    );
  }

  /** A session as stored (for calendar attachments), or null. */
  findById(id: string): Promise<SessionEntity | null> {
    return this.sessionsRepository.findById(id);
  }

  /** The person's sessions overlapping [from, to), in start order, with both people (the calendar feed). */
  async listOfParticipant(participantId: string, from: Date, to: Date, limit: number): Promise<SessionWithPeople[]> {
    const page = await this.sessionsRepository.list({ participantId, from, to }, { limit });
    return page.items;
  }

  /** Scheduled sessions starting in (from, to] whose reminder has not gone out yet. */
  dueForReminder(from: Date, to: Date, limit: number): Promise<SessionEntity[]> {
    return this.sessionsRepository.findDueForReminder(from, to, limit);
  }

  /** Claims a session's reminder; true for exactly one caller, however many race. */
  claimReminder(id: string, now: Date): Promise<boolean> {
    return this.sessionsRepository.claimReminder(id, now);
  }

  /** After an unassignment the mentor keeps read-only history of the pair's sessions. */
  private async assertStillAssigned(session: SessionEntity): Promise<void> {
    if (!(await this.assignments.isAssigned(session.studentId, session.mentorId))) {
      throw new NotAssignedError(
        'This student is no longer assigned to you: their sessions can be read and cancelled, not changed.',
      );
    }
  }

  private async assertNoClash(
    mentorId: string,
    studentId: string,
    startsAt: Date,
    endsAt: Date,
    excludeId?: string,
  ): Promise<void> {
    const clash = await this.sessionsRepository.findClash(mentorId, studentId, startsAt, endsAt, excludeId);
    if (!clash) return;
    const party = clash.mentorId === mentorId ? 'mentor' : 'student';
    throw new ScheduleConflictError({
      party,
      startsAt: clash.startsAt.toISOString(),
      endsAt: clash.endsAt.toISOString(),
      // The mentor's own session can be named; a student's session with someone else cannot.
      ...(party === 'mentor' ? { sessionId: clash.id } : {}),
    });
  }
}
