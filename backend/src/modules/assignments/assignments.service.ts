import { Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { Page } from '../../common/pagination';
import { mapPage } from '../../database/keyset-page';
import { isUniqueViolation } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { Role } from '../../common/auth/role';
import { toUserSummary } from '../users/user.dto';
import type { UserAssignments } from '../users/users.constants';
import { UsersService } from '../users/users.service';
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

/** Work done inside the transaction that ends an assignment; returns facts for the audit entry. */
export type AssignmentEndedHook = (ended: {
  mentorId: string;
  studentId: string;
  actorId: string;
}) => Promise<Record<string, unknown>>;

@Injectable()
export class AssignmentsService implements UserAssignments {
  private readonly endedHooks: AssignmentEndedHook[] = [];

  constructor(
    private readonly assignmentsRepository: AssignmentsRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
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
    const page = await this.assignmentsRepository.pageWithPeople(
      { studentId: query.studentId, mentorId: query.mentorId },
      { limit: query.limit ?? 20, cursor: query.cursor },
    );
    return mapPage(page, toDto);
  }

  /**
   * Capacity holds under concurrency: the mentor's row is locked (MySQL) or the write is
   * serialised (SQLite) while the current load is counted and the assignment inserted.
   */
  async assign(actor: AuthUser, dto: CreateAssignmentDto): Promise<AssignmentDto> {
    const [student, mentor] = await Promise.all([
      this.users.findById(dto.studentId),
      this.users.findById(dto.mentorId),
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
      await this.insertWithinCapacity(actor, assignment);
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
  @Transactional()
  async unassign(actor: AuthUser, id: string): Promise<void> {
    const assignment = await this.assignmentsRepository.findById(id);
    if (!assignment) throw new AssignmentNotFoundError();
    await this.assignmentsRepository.delete(id);
    const details: Record<string, unknown> = { studentId: assignment.studentId, mentorId: assignment.mentorId };
    for (const hook of this.endedHooks) {
      Object.assign(
        details,
        await hook({ mentorId: assignment.mentorId, studentId: assignment.studentId, actorId: actor.id }),
      );
    }
    await this.audit.record({
      actorId: actor.id,
      action: 'assignment.deleted',
      targetType: 'assignment',
      targetId: id,
      details,
    });
  }

  /**
   * Registers work that must succeed or fail with every unassignment, in its transaction (the
   * sessions module cancels the pair's upcoming sessions); what it returns goes into the audit entry.
   */
  onEnded(hook: AssignmentEndedHook): void {
    this.endedHooks.push(hook);
  }

  /** Whether the student is assigned to the mentor (read on the caller's transaction, after its locks). */
  isAssigned(studentId: string, mentorId: string): Promise<boolean> {
    return this.assignmentsRepository.isAssigned(studentId, mentorId);
  }

  /** The mentor's row is held while the current load is counted, so two assignments cannot both take the last place. */
  @Transactional()
  private async insertWithinCapacity(actor: AuthUser, assignment: AssignmentEntity): Promise<void> {
    const capacity = (await this.users.lockMentorCapacity(assignment.mentorId)) ?? null;
    if (capacity !== null && (await this.assignmentsRepository.countForMentor(assignment.mentorId)) >= capacity) {
      throw new MentorAtCapacityError(capacity);
    }
    await this.assignmentsRepository.insert([assignment]);
    await this.audit.record({
      actorId: actor.id,
      action: 'assignment.created',
      targetType: 'assignment',
      targetId: assignment.id,
      details: { studentId: assignment.studentId, mentorId: assignment.mentorId },
    });
  }

  /** How many assignments the account has, as student or mentor (a role change needs none). */
  countForUser(userId: string): Promise<number> {
    return this.assignmentsRepository.countForUser(userId);
  }

  /** How many students each of these mentors has (the CSV import checks capacity). */
  countStudentsPerMentor(mentorIds: string[]): Promise<Map<string, number>> {
    return this.assignmentsRepository.countStudentsPerMentor(mentorIds);
  }

  /** Stores assignments made together with new accounts (CSV import), in the caller's transaction. */
  insertMany(pairs: { studentId: string; mentorId: string }[], createdBy: string): Promise<void> {
    const createdAt = new Date();
    return this.assignmentsRepository.insert(
      pairs.map((pair) => Object.assign(new AssignmentEntity(), { id: newId(), ...pair, createdBy, createdAt })),
    );
  }
}
