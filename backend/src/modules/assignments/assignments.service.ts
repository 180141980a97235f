import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { DomainEventBus } from '../../common/events/domain-event';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeTimeCursor, Page, toPage } from '../../common/pagination';
import { isUniqueViolation, lockClause, TransactionRunner } from '../../database/transaction-runner';
import { AuditService } from '../audit/audit.service';
import { SessionsService } from '../sessions/sessions.service';
import { Role } from '../../common/auth/role';
import { toUserSummary } from '../users/user.dto';
import { UsersRepository } from '../users/users.repository';
import { AssignmentEntity } from './assignment.entity';
import { AlreadyAssignedError, AssignmentNotFoundError, MentorAtCapacityError } from './assignments.errors';
import { AssignmentRow, AssignmentsRepository } from './assignments.repository';
import {
  AssignmentDto,
  AssignmentQueryDto,
  CreateAssignmentDto,
  MyMentorDto,
  MyStudentDto,
} from './dto/assignment.dto';

function toDto(row: AssignmentRow): AssignmentDto {
  return {
    id: row.id,
    student: toUserSummary(row.student),
    mentor: toUserSummary(row.mentor),
    createdAt: row.createdAt.toISOString(),
  };
}

@Injectable()
export class AssignmentsService {
  constructor(
    private readonly assignmentsRepository: AssignmentsRepository,
    private readonly usersRepository: UsersRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly transactions: TransactionRunner,
    private readonly events: DomainEventBus,
  ) {}

  async myMentors(student: AuthUser): Promise<MyMentorDto[]> {
    const rows = await this.assignmentsRepository.listWithPeople({ studentId: student.id });
    return rows.filter((r) => r.mentor.active).map((r) => ({ assignmentId: r.id, mentor: toUserSummary(r.mentor) }));
  }

  async myStudents(mentor: AuthUser): Promise<MyStudentDto[]> {
    const rows = await this.assignmentsRepository.listWithPeople({ mentorId: mentor.id });
    return rows.filter((r) => r.student.active).map((r) => ({ assignmentId: r.id, student: toUserSummary(r.student) }));
  }

  async list(query: AssignmentQueryDto): Promise<Page<AssignmentDto>> {
    const limit = query.limit ?? 20;
    const cursor = decodeTimeCursor(query.cursor);
    const rows = await this.assignmentsRepository.listWithPeople({
      studentId: query.studentId,
      mentorId: query.mentorId,
      after: cursor ? { createdAt: cursor.at, id: cursor.id } : undefined,
      limit,
    });
    return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id], toDto);
  }

  /**
   * Capacity holds under concurrency: the mentor's row is locked (MySQL) or the write is
   * serialised (SQLite) while the current load is counted and the assignment inserted.
   */
  async assign(actor: AuthUser, dto: CreateAssignmentDto): Promise<AssignmentDto> {
    const [student, mentor] = await Promise.all([
      this.usersRepository.findById(dto.studentId),
      this.usersRepository.findById(dto.mentorId),
    ]);
    const problems = [];
    if (!student || student.role !== Role.Student)
      problems.push({ field: 'studentId', message: 'studentId must be the id of a student' });
    if (!mentor || mentor.role !== Role.Mentor)
      problems.push({ field: 'mentorId', message: 'mentorId must be the id of a mentor' });
    if (problems.length > 0) throw new ValidationFailedError(problems);

    const assignment = Object.assign(new AssignmentEntity(), {
      id: newId(),
      studentId: student!.id,
      mentorId: mentor!.id,
      createdBy: actor.id,
      createdAt: new Date(),
    });
    try {
      await this.transactions.run(async (manager) => {
        // eslint-disable-next-line no-restricted-syntax -- the lock clause is a constant chosen by database type
        const [locked] = await manager.query(`SELECT mentor_capacity FROM users WHERE id = ?${lockClause(manager)}`, [
          mentor!.id,
        ]);
        const capacity =
          locked?.mentor_capacity === null || locked?.mentor_capacity === undefined
            ? null
            : Number(locked.mentor_capacity);
        if (capacity !== null && (await this.assignmentsRepository.countForMentor(mentor!.id, manager)) >= capacity) {
          throw new MentorAtCapacityError(capacity);
        }
        await this.assignmentsRepository.insert([assignment], manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'assignment.created',
            targetType: 'assignment',
            targetId: assignment.id,
            details: { studentId: student!.id, mentorId: mentor!.id },
          },
          manager,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyAssignedError();
      throw error;
    }
    return {
      id: assignment.id,
      student: toUserSummary(student!),
      mentor: toUserSummary(mentor!),
      createdAt: assignment.createdAt.toISOString(),
    };
  }

  /**
   * Ends a mentorship. Its upcoming sessions are cancelled by the programme in the same
   * transaction (quota given back, both people told); held sessions stay as read-only history.
   */
  async unassign(actor: AuthUser, id: string): Promise<void> {
    const events = await this.transactions.run(async (manager) => {
      const assignment = await this.assignmentsRepository.findById(id, manager);
      if (!assignment) throw new AssignmentNotFoundError();
      await this.assignmentsRepository.delete(id, manager);
      const { sessionIds, events } = await this.sessions.cancelForEndedAssignment(
        manager,
        assignment.mentorId,
        assignment.studentId,
        actor.id,
      );
      const details = {
        studentId: assignment.studentId,
        mentorId: assignment.mentorId,
        cancelledSessions: sessionIds.length,
      };
      await this.audit.record(
        { actorId: actor.id, action: 'assignment.deleted', targetType: 'assignment', targetId: id, details },
        manager,
      );
      return events;
    });
    this.events.publish(events);
  }

  /** How many assignments the account has, as student or mentor (a role change needs none). */
  countForUser(userId: string): Promise<number> {
    return this.transactions.run((manager) => this.assignmentsRepository.countForUser(userId, manager));
  }

  /** How many students each of these mentors has (the CSV import checks capacity). */
  countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>> {
    return this.assignmentsRepository.countStudentsPerMentor(mentorIds);
  }

  /** Stores assignments made together with new accounts (CSV import), in the caller's transaction. */
  insertMany(assignments: AssignmentEntity[]): Promise<void> {
    return this.transactions.run((manager) => this.assignmentsRepository.insert(assignments, manager));
  }
}
