import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { DomainEventBus } from '../../common/events/domain-event';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { Page } from '../../common/pagination';
import { mapPage } from '../../database/keyset-page';
import { isUniqueViolation } from '../../database/transactions';
import { NotAssignedError } from '../assignments/assignments.errors';
import { AssignmentsService } from '../assignments/assignments.service';
import { QuotaService } from '../quota/quota.service';
import { sessionEvent } from '../sessions/session.mapper';
import { SessionsService } from '../sessions/sessions.service';
import { SettingsService } from '../settings/settings.service';
import { Role } from '../../common/auth/role';
import { UsersService } from '../users/users.service';
import {
  AcceptRequestDto,
  CreateRequestDto,
  DeclineRequestDto,
  MentoringRequestDto,
  RequestQueryDto,
} from './dto/mentoring-request.dto';
import { requestEvent, toRequestDto } from './mentoring-request.mapper';
import { MentoringRequestEntity, RequestStatus } from './mentoring-request.entity';
import { RequestAlreadyPendingError, RequestNotFoundError, RequestNotPendingError } from './mentoring-requests.errors';
import { MentoringRequestsRepository } from './mentoring-requests.repository';
import { requirePairAccess } from '../../common/auth/pair-access';

const EXPIRY_BATCH = 200;

const notFound = () => new RequestNotFoundError();

@Injectable()
export class MentoringRequestsService {
  private readonly logger = new Logger('MentoringRequests');

  constructor(
    private readonly requestsRepository: MentoringRequestsRepository,
    private readonly assignments: AssignmentsService,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly quota: QuotaService,
    private readonly settings: SettingsService,
    private readonly events: DomainEventBus,
  ) {}

  /**
   * One pending request per student is a database rule: the row carries the student's id in a
   * unique column while pending, so a second insert fails however many instances race.
   */
  async create(student: AuthUser, dto: CreateRequestDto): Promise<MentoringRequestDto> {
    if (!(await this.assignments.isAssigned(student.id, dto.mentorId))) {
      throw new NotAssignedError('You can only ask mentors who are assigned to you.');
    }
    const now = new Date();
    // A request past its expiry must not block the student while the job has not run yet.
    await this.expireDue(now, student.id);
    await this.quota.assertAvailable(student.id, now);

    const { requestExpiryDays } = await this.settings.get();
    const request = Object.assign(new MentoringRequestEntity(), {
      id: newId(),
      studentId: student.id,
      mentorId: dto.mentorId,
      topic: dto.topic,
      message: dto.message,
      preferredTimes:
        dto.preferredTimes && dto.preferredTimes.length > 0
          ? JSON.stringify(dto.preferredTimes.map((t) => t.trim()).filter(Boolean))
          : null,
      status: RequestStatus.Pending,
      pendingStudentId: student.id,
      declineReason: null,
      sessionId: null,
      expiresAt: new Date(now.getTime() + requestExpiryDays * 86_400_000),
      answeredAt: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.insert(request);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new RequestAlreadyPendingError(await this.describePending(student.id));
    }
    this.events.publish(requestEvent('created', request, student.id));
    return this.get(student, request.id);
  }

  /** Accepting means scheduling: the request and its session succeed or fail together. */
  async accept(
    mentor: AuthUser,
    id: string,
    dto: AcceptRequestDto,
  ): Promise<{ request: MentoringRequestDto; sessionId: string }> {
    const sessionId = await this.acceptAndSchedule(mentor, id, dto);
    return { request: await this.get(mentor, id), sessionId };
  }

  @Transactional()
  private async acceptAndSchedule(mentor: AuthUser, id: string, dto: AcceptRequestDto): Promise<string> {
    const request = requirePairAccess(mentor, 'lead', await this.requestsRepository.findById(id), notFound);
    const now = new Date();
    if (request.status !== RequestStatus.Pending) throw new RequestNotPendingError(request.status);
    if (request.expiresAt.getTime() <= now.getTime()) throw new RequestNotPendingError(RequestStatus.Expired);
    const session = await this.sessions.schedule({
      mentorId: mentor.id,
      studentId: request.studentId,
      startsAt: new Date(dto.startsAt),
      endsAt: new Date(dto.endsAt),
      location: dto.location,
      meetingUrl: dto.meetingUrl,
      agenda: dto.agenda ?? request.topic,
      requestId: request.id,
    });
    const patch = { sessionId: session.id, answeredAt: now };
    if (!(await this.requestsRepository.resolve(id, RequestStatus.Accepted, patch, now, mentor.id))) {
      throw new RequestNotPendingError('no longer pending');
    }
    this.events.publish([
      requestEvent('accepted', Object.assign(request, patch, { status: RequestStatus.Accepted }), mentor.id),
      sessionEvent('scheduled', session, mentor.id),
    ]);
    return session.id;
  }

  async decline(mentor: AuthUser, id: string, dto: DeclineRequestDto): Promise<MentoringRequestDto> {
    const now = new Date();
    const patch = { declineReason: dto.reason || null, answeredAt: now };
    return this.finish(mentor, id, 'mentor', RequestStatus.Declined, patch, now);
  }

  async withdraw(student: AuthUser, id: string): Promise<MentoringRequestDto> {
    return this.finish(student, id, 'student', RequestStatus.Withdrawn, {}, new Date());
  }

  /**
   * Expires pending requests past their date. Idempotent and safe to run on several instances at
   * once: each request moves by a conditional UPDATE, and only the winner publishes the event.
   */
  async expireDue(now = new Date(), studentId?: string): Promise<number> {
    const due = studentId
      ? [await this.requestsRepository.findPendingOf(studentId)].filter(
          (r): r is MentoringRequestEntity => r !== null && r.expiresAt.getTime() <= now.getTime(),
        )
      : await this.requestsRepository.findDueForExpiry(now, EXPIRY_BATCH);
    let expired = 0;
    for (const request of due) {
      const won = await this.resolve(request.id, RequestStatus.Expired, {}, now);
      if (won) {
        expired++;
        this.events.publish(
          requestEvent('expired', Object.assign(request, { status: RequestStatus.Expired, updatedAt: now }), null),
        );
      }
    }
    if (expired > 0 && !studentId) this.logger.log(`Expired ${expired} unanswered request(s)`);
    return expired;
  }

  async list(viewer: AuthUser, query: RequestQueryDto): Promise<Page<MentoringRequestDto>> {
    const isAdmin = viewer.role === Role.Admin;
    if (!isAdmin && (query.mentorId || query.studentId)) {
      throw new ValidationFailedError([
        { field: query.mentorId ? 'mentorId' : 'studentId', message: 'only admins can filter by person' },
      ]);
    }
    const filter = {
      studentId: viewer.role === Role.Student ? viewer.id : query.studentId,
      mentorId: viewer.role === Role.Mentor ? viewer.id : query.mentorId,
      status: query.status,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      sort: query.sort,
    };
    const page = await this.requestsRepository.list(filter, { limit: query.limit ?? 20, cursor: query.cursor });
    return mapPage(page, toRequestDto);
  }

  async get(viewer: AuthUser, id: string): Promise<MentoringRequestDto> {
    const request = requirePairAccess(viewer, 'view', await this.requestsRepository.findWithPeople(id), notFound);
    return toRequestDto(request);
  }

  private async finish(
    actor: AuthUser,
    id: string,
    side: 'mentor' | 'student',
    to: RequestStatus,
    patch: Partial<MentoringRequestEntity>,
    now: Date,
  ): Promise<MentoringRequestDto> {
    const request = await this.requestsRepository.findById(id);
    if (!request || (side === 'mentor' ? request.mentorId : request.studentId) !== actor.id)
      throw new RequestNotFoundError();
    if (request.status !== RequestStatus.Pending) throw new RequestNotPendingError(request.status);
    const won = await this.resolve(id, to, patch, now);
    if (!won) {
      const current = await this.requestsRepository.findById(id);
      throw new RequestNotPendingError(current?.status ?? 'gone');
    }
    this.events.publish(
      requestEvent(
        to as 'declined' | 'withdrawn',
        Object.assign(request, patch, { status: to, updatedAt: now }),
        actor.id,
      ),
    );
    return this.get(actor, id);
  }

  @Transactional()
  private insert(request: MentoringRequestEntity): Promise<void> {
    return this.requestsRepository.insert(request);
  }

  @Transactional()
  private resolve(id: string, to: RequestStatus, patch: Partial<MentoringRequestEntity>, now: Date): Promise<boolean> {
    return this.requestsRepository.resolve(id, to, patch, now);
  }

  private async describePending(studentId: string) {
    const pending = await this.requestsRepository.findPendingOf(studentId);
    if (!pending) return null;
    const mentor = await this.users.findById(pending.mentorId);
    return {
      id: pending.id,
      mentorId: pending.mentorId,
      mentorName: mentor?.displayName ?? 'your mentor',
      expiresAt: pending.expiresAt,
    };
  }
}
