import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { AuthUser } from '../../common/auth/auth-user';
import { newId } from '../../common/crypto';
import { parseCsv } from '../../common/csv';
import { ValidationFailedError } from '../../common/errors/domain-error';
import type { DomainEvent } from '../../common/events/domain-event';
import { decodeTimeCursor, Page, toPage } from '../../common/pagination';
import { isUniqueViolation, TransactionRunner } from '../../database/transaction-runner';
import { AssignmentEntity } from '../assignments/assignment.entity';
import { AssignmentsRepository } from '../assignments/assignments.repository';
import { AuditService } from '../audit/audit.service';
import { SettingsService } from '../settings/settings.service';
import { AdminAnnouncements, MadeAdminData } from './admin-announcements';
import { adminGrant, AdminGrantedVia } from './admin-provenance';
import { isReservedDisplayName, RESERVED_DISPLAY_NAME_MESSAGE } from './display-name';
import {
  CreatedUserDto,
  CreateUserDto,
  ImportResultDto,
  ImportRowResultDto,
  InvitationDto,
  ListUsersQueryDto,
  UpdateUserDto,
} from './dto/admin-users.dto';
import { ChangePasswordDto, UpdateMeDto } from './dto/me.dto';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService, IssuedInvitation } from './invitations.service';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';
import { Role, ROLES } from '../../common/auth/role';
import { toUserDto, UserDto } from './user.dto';
import { UserEntity } from './user.entity';
import {
  EmailTakenError,
  InvitationNotAllowedError,
  OwnAccountChangeError,
  RoleChangeBlockedError,
  UserNotFoundError,
} from './users.errors';
import { UsersRepository } from './users.repository';

export const MAX_IMPORT_ROWS = 10_000;
const IMPORT_HEADER = ['email', 'displayname', 'role', 'mentoremail'];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

interface ImportCandidate {
  line: number;
  user: UserEntity;
  invitation: IssuedInvitation;
  mentorEmail: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly usersRepository: UsersRepository,
    private readonly invitationsRepository: InvitationsRepository,
    private readonly invitations: InvitationsService,
    private readonly passwordHasher: PasswordHasher,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
    private readonly assignmentsRepository: AssignmentsRepository,
    private readonly adminAnnouncements: AdminAnnouncements,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const limit = query.limit ?? 20;
    const cursor = decodeTimeCursor(query.cursor);
    const rows = await this.usersRepository.list({
      search: query.search || undefined,
      role: query.role,
      active: query.active,
      after: cursor ? { createdAt: cursor.at, id: cursor.id } : undefined,
      limit,
    });
    return toPage(
      rows,
      limit,
      (u) => [u.createdAt.toISOString(), u.id],
      (u) => toUserDto(u, u.passwordHash === null),
    );
  }

  async get(id: string): Promise<UserDto> {
    const user = await this.usersRepository.findByIdWithHash(id);
    if (!user) throw new UserNotFoundError();
    return toUserDto(user, user.passwordHash === null);
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<CreatedUserDto> {
    const { programmeTimeZone } = await this.settings.get();
    const user = this.newUser(
      dto.email,
      dto.displayName,
      dto.role,
      dto.timeZone ?? programmeTimeZone,
      dto.mentorCapacity ?? null,
      actor.id,
      AdminGrantedVia.Admin,
    );
    const invitation = this.invitations.build(user.id, actor.id);
    let announcements: DomainEvent<MadeAdminData>[] = [];
    try {
      await this.transactions.run(async (manager) => {
        await this.usersRepository.insert([user], manager);
        await this.invitationsRepository.insert([invitation.entity], manager);
        await this.audit.record(
          {
            actorId: actor.id,
            action: 'user.created',
            targetType: 'user',
            targetId: user.id,
            details: { role: user.role },
          },
          manager,
        );
        announcements = await this.announceIfAdmin([user], AdminGrantedVia.Admin, actor, manager);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(user.email);
      throw error;
    }
    this.adminAnnouncements.publish(announcements);
    return {
      user: toUserDto(user, true),
      invitationUrl: invitation.url,
      invitationExpiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    let announcements: DomainEvent<MadeAdminData>[] = [];
    const updated = await this.transactions.run(async (manager) => {
      const user = await this.usersRepository.findById(id, manager);
      if (!user) throw new UserNotFoundError();
      const roleChanges = dto.role !== undefined && dto.role !== user.role;
      const activeChanges = dto.active !== undefined && dto.active !== user.active;
      if ((roleChanges || activeChanges) && id === actor.id) throw new OwnAccountChangeError();
      if (roleChanges) {
        const assignments = await this.assignmentsRepository.countForUser(id);
        if (assignments > 0) throw new RoleChangeBlockedError(assignments);
      }

      const patch: Partial<UserEntity> = {};
      const changes: Record<string, unknown> = {};
      for (const key of ['role', 'active', 'mentorCapacity', 'quotaOverride', 'displayName'] as const) {
        if (dto[key] !== undefined && dto[key] !== user[key]) {
          (patch as Record<string, unknown>)[key] = dto[key];
          changes[key] = { from: user[key], to: dto[key] };
        }
      }
      if (Object.keys(patch).length === 0) return toUserDto(user);
      // A promotion counts as "made admin by another admin"; a demotion clears the provenance.
      if (roleChanges) Object.assign(patch, adminGrant(dto.role!, AdminGrantedVia.Admin, actor.id, new Date()));

      if (roleChanges || activeChanges) {
        // Revokes every access and refresh token at once.
        await this.usersRepository.bumpTokenVersion(id, manager, patch);
      } else {
        await this.usersRepository.update(id, { ...patch, updatedAt: new Date() }, manager);
      }
      await this.audit.record(
        { actorId: actor.id, action: 'user.updated', targetType: 'user', targetId: id, details: changes },
        manager,
      );
      announcements = roleChanges
        ? await this.announceIfAdmin([Object.assign(user, patch)], AdminGrantedVia.Admin, actor, manager)
        : [];
      return toUserDto(Object.assign(user, patch));
    });
    this.adminAnnouncements.publish(announcements);
    return updated;
  }

  /** Operator path (CLI): an active admin with a password, no invitation. */
  async createAdmin(email: string, displayName: string, password: string): Promise<UserDto> {
    if (!isEmail(normaliseEmail(email)))
      throw new ValidationFailedError([{ field: 'email', message: 'email must be a valid email address' }]);
    const { programmeTimeZone } = await this.settings.get();
    const user = this.newUser(email, displayName, Role.Admin, programmeTimeZone, null, null, AdminGrantedVia.Cli);
    await this.assertPasswordAllowed(user, password);
    user.passwordHash = await this.passwordHasher.hash(password);
    let announcements: DomainEvent<MadeAdminData>[] = [];
    try {
      await this.transactions.run(async (manager) => {
        await this.usersRepository.insert([user], manager);
        await this.audit.record(
          {
            actorId: null,
            action: 'user.created',
            targetType: 'user',
            targetId: user.id,
            details: { role: user.role, via: 'cli' },
          },
          manager,
        );
        announcements = await this.announceIfAdmin([user], AdminGrantedVia.Cli, null, manager);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(user.email);
      throw error;
    }
    this.adminAnnouncements.publish(announcements);
    return toUserDto(user);
  }

  /** Only for an account that never set a password: an invitation link is a credential, and it goes to the admin. */
  async reissueInvitation(actor: AuthUser, id: string): Promise<InvitationDto> {
    return this.transactions.run(async (manager) => {
      const user = await this.usersRepository.findByIdWithHash(id, manager);
      if (!user) throw new UserNotFoundError();
      if (user.passwordHash !== null) throw new InvitationNotAllowedError();
      const invitation = await this.invitations.reissue(id, actor.id, manager);
      await this.audit.record(
        { actorId: actor.id, action: 'user.invitation_reissued', targetType: 'user', targetId: id },
        manager,
      );
      return { invitationUrl: invitation.url, invitationExpiresAt: invitation.expiresAt.toISOString() };
    });
  }

  async getMe(userId: string): Promise<UserDto> {
    const user = await this.usersRepository.findById(userId);
    if (!user) throw new UserNotFoundError();
    return toUserDto(user);
  }

  async updateMe(userId: string, dto: UpdateMeDto): Promise<UserDto> {
    const patch: Partial<UserEntity> = {};
    if (dto.displayName !== undefined) patch.displayName = dto.displayName;
    if (dto.timeZone !== undefined) patch.timeZone = dto.timeZone;
    if (dto.bio !== undefined) patch.bio = dto.bio === null || dto.bio.trim() === '' ? null : dto.bio.trim();
    if (Object.keys(patch).length > 0) {
      await this.transactions.run((manager) =>
        this.usersRepository.update(userId, { ...patch, updatedAt: new Date() }, manager),
      );
    }
    return this.getMe(userId);
  }

  /** Needs the current password; every earlier token stops working, the caller signs in again. */
  async changePassword(userId: string, dto: ChangePasswordDto): Promise<void> {
    const user = await this.usersRepository.findByIdWithHash(userId);
    if (!user) throw new UserNotFoundError();
    if (!(await this.passwordHasher.verify(user.passwordHash, dto.currentPassword))) {
      throw new ValidationFailedError([
        { field: 'currentPassword', message: 'currentPassword is not your current password' },
      ]);
    }
    await this.setPassword(user, dto.newPassword, 'newPassword');
  }

  async assertPasswordAllowed(user: UserEntity, password: string, field = 'password'): Promise<void> {
    const problem = passwordProblem(password, { email: user.email, displayName: user.displayName });
    if (problem) throw new ValidationFailedError([{ field, message: `${field} ${problem}` }]);
  }

  /** Checks the policy, hashes off the event loop, revokes earlier tokens and the calendar feed URL. */
  private async setPassword(user: UserEntity, password: string, field: string): Promise<void> {
    await this.assertPasswordAllowed(user, password, field);
    const passwordHash = await this.passwordHasher.hash(password);
    await this.transactions.run((manager) => this.usersRepository.endEverySession(user.id, manager, { passwordHash }));
  }

  /**
   * CSV onboarding (`email,displayName,role[,mentorEmail]`). Every row is checked first — format,
   * duplicates within the file and against the database, the mentor and their capacity — then all
   * valid rows are created together; each row is created whole (account, invitation, assignment) or
   * not at all.
   */
  async importCsv(actor: AuthUser, text: string): Promise<ImportResultDto> {
    let records;
    try {
      records = parseCsv(text);
    } catch (error) {
      throw new ValidationFailedError([
        { field: 'file', message: `The file is not valid CSV: ${(error as Error).message}` },
      ]);
    }
    if (records.length === 0) throw new ValidationFailedError([{ field: 'file', message: 'The file is empty' }]);
    const header = records[0].fields.map((h) => h.trim().toLowerCase());
    if (header.length < 3 || header.length > 4 || header.some((h, i) => h !== IMPORT_HEADER[i])) {
      throw new ValidationFailedError([
        { field: 'file', message: 'The first line must be the header: email,displayName,role[,mentorEmail]' },
      ]);
    }
    const rows = records.slice(1);
    if (rows.length > MAX_IMPORT_ROWS) {
      throw new ValidationFailedError([
        { field: 'file', message: `At most ${MAX_IMPORT_ROWS} rows can be imported at once` },
      ]);
    }

    const { programmeTimeZone } = await this.settings.get();
    const results = new Map<number, ImportRowResultDto>();
    const fail = (line: number, email: string | null, reason: string) =>
      results.set(line, { line, email, status: 'error', reason });
    const firstLineOf = new Map<string, number>();
    const candidates: ImportCandidate[] = [];

    for (const { line, fields } of rows) {
      const [rawEmail = '', rawName = '', rawRole = '', rawMentor = ''] = fields.map((f) => f.trim());
      const email = normaliseEmail(rawEmail);
      const role = rawRole.toLowerCase() as Role;
      const mentorEmail = rawMentor ? normaliseEmail(rawMentor) : null;
      if (fields.length > header.length)
        fail(line, email || null, `expected ${header.length} columns, found ${fields.length}`);
      else if (!isEmail(email) || email.length > 254) fail(line, email || null, 'email is not a valid email address');
      else if (!rawName || rawName.length > 120) fail(line, email, 'displayName must be 1 to 120 characters');
      else if (isReservedDisplayName(rawName)) fail(line, email, RESERVED_DISPLAY_NAME_MESSAGE);
      else if (!ROLES.includes(role)) fail(line, email, `role must be one of ${ROLES.join(', ')}`);
      else if (mentorEmail && role !== Role.Student) fail(line, email, 'only students can have a mentorEmail');
      else if (mentorEmail && !isEmail(mentorEmail)) fail(line, email, 'mentorEmail is not a valid email address');
      else if (firstLineOf.has(email)) fail(line, email, `duplicate of line ${firstLineOf.get(email)}`);
      else {
        firstLineOf.set(email, line);
        const user = this.newUser(email, rawName, role, programmeTimeZone, null, actor.id, AdminGrantedVia.Admin);
        candidates.push({ line, user, invitation: this.invitations.build(user.id, actor.id), mentorEmail });
      }
    }

    const existing = await this.usersRepository.findExistingEmails(candidates.map((c) => c.user.email));
    const mentorEmails = [...new Set(candidates.map((c) => c.mentorEmail).filter((e): e is string => e !== null))];
    const mentorsInDb = new Map(
      (await this.usersRepository.findByEmails(mentorEmails))
        .filter((u) => u.role === Role.Mentor)
        .map((u) => [u.email, u]),
    );
    const mentorsInFile = new Map(
      candidates
        .filter((c) => c.user.role === Role.Mentor && !existing.has(c.user.email))
        .map((c) => [c.user.email, c.user]),
    );
    const load = await this.assignmentLoad([...mentorsInDb.values()].map((m) => m.id));

    const valid: ImportCandidate[] = [];
    for (const candidate of candidates) {
      const { line, user, mentorEmail } = candidate;
      if (existing.has(user.email)) {
        fail(line, user.email, 'an account with this email already exists');
        continue;
      }
      if (mentorEmail) {
        const mentor = mentorsInDb.get(mentorEmail) ?? mentorsInFile.get(mentorEmail);
        if (!mentor) {
          fail(line, user.email, `no mentor with the email ${mentorEmail}`);
          continue;
        }
        const used = load.get(mentor.id) ?? 0;
        if (mentor.mentorCapacity !== null && used >= mentor.mentorCapacity) {
          fail(
            line,
            user.email,
            `MENTOR_AT_CAPACITY: ${mentorEmail} already mentors ${used} of ${mentor.mentorCapacity} students`,
          );
          continue;
        }
        load.set(mentor.id, used + 1);
      }
      valid.push(candidate);
    }

    const mentorIdOf = (email: string) => (mentorsInDb.get(email) ?? mentorsInFile.get(email))!.id;
    const announcements: DomainEvent<MadeAdminData>[] = [];
    const persist = (batch: ImportCandidate[]) =>
      this.transactions.run(async (manager) => {
        // Mentors first, so assignments in the same batch can point at them.
        const ordered = [...batch].sort(
          (a, b) => Number(b.user.role === Role.Mentor) - Number(a.user.role === Role.Mentor),
        );
        await this.usersRepository.insert(
          ordered.map((c) => c.user),
          manager,
        );
        await this.invitationsRepository.insert(
          ordered.map((c) => c.invitation.entity),
          manager,
        );
        const assignments = ordered
          .filter((c) => c.mentorEmail)
          .map((c) =>
            Object.assign(new AssignmentEntity(), {
              id: newId(),
              studentId: c.user.id,
              mentorId: mentorIdOf(c.mentorEmail!),
              createdBy: actor.id,
              createdAt: new Date(),
            }),
          );
        await this.assignmentsRepository.insert(assignments);
        await this.audit.recordMany(
          ordered.map((c) => ({
            actorId: actor.id,
            action: 'user.created',
            targetType: 'user',
            targetId: c.user.id,
            details: { role: c.user.role, via: 'csv-import', line: c.line },
          })),
          manager,
        );
        return this.announceIfAdmin(
          ordered.map((c) => c.user),
          AdminGrantedVia.Admin,
          actor,
          manager,
        );
      });

    const created: ImportCandidate[] = [];
    if (valid.length > 0) {
      try {
        announcements.push(...(await persist(valid)));
        created.push(...valid);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Someone created one of these accounts meanwhile: fall back to one row at a time.
        for (const candidate of valid) {
          try {
            announcements.push(...(await persist([candidate])));
            created.push(candidate);
          } catch (rowError) {
            if (!isUniqueViolation(rowError)) throw rowError;
            fail(candidate.line, candidate.user.email, 'an account with this email already exists');
          }
        }
      }
    }
    this.adminAnnouncements.publish(announcements);
    for (const c of created) {
      results.set(c.line, {
        line: c.line,
        email: c.user.email,
        status: 'created',
        userId: c.user.id,
        invitationUrl: c.invitation.url,
      });
    }
    const ordered = [...results.values()].sort((a, b) => a.line - b.line);
    await this.audit.record({
      actorId: actor.id,
      action: 'user.import',
      details: { created: created.length, failed: ordered.length - created.length },
    });
    return { created: created.length, failed: ordered.length - created.length, rows: ordered };
  }

  private announceIfAdmin(
    users: UserEntity[],
    via: AdminGrantedVia,
    by: AuthUser | null,
    manager: EntityManager,
  ): Promise<DomainEvent<MadeAdminData>[]> {
    return this.adminAnnouncements.record(
      users.filter((u) => u.role === Role.Admin).map((user) => ({ user, via, by })),
      manager,
    );
  }

  private async assignmentLoad(mentorIds: string[]): Promise<Map<string, number>> {
    return this.usersRepository.countStudentsPerMentor(mentorIds);
  }

  private newUser(
    email: string,
    displayName: string,
    role: Role,
    timeZone: string,
    mentorCapacity: number | null,
    createdBy: string | null,
    via: AdminGrantedVia,
  ): UserEntity {
    const now = new Date();
    return Object.assign(new UserEntity(), {
      id: newId(),
      email: normaliseEmail(email),
      displayName: displayName.trim(),
      role,
      active: true,
      timeZone,
      bio: null,
      mentorCapacity: role === Role.Mentor ? mentorCapacity : null,
      quotaOverride: null,
      passwordHash: null,
      tokenVersion: 0,
      createdBy,
      ...adminGrant(role, via, createdBy, now),
      createdAt: now,
      updatedAt: now,
    });
  }

  /** A user's record (no credentials) for another module's rules, on the ambient transaction; null when unknown. */
  findById(id: string): Promise<UserEntity | null> {
    return this.usersRepository.findCurrent(id);
  }

  /** Several users' records, for naming the people of an event. */
  findByIds(ids: string[]): Promise<UserEntity[]> {
    return this.usersRepository.findByIds(ids);
  }

  /** Holds these people's rows until the transaction ends (MySQL), in a fixed order: bookings for them queue here. */
  lockPeople(ids: string[]): Promise<void> {
    return this.usersRepository.lockInOrder(ids);
  }

  /** A mentor's capacity with their row held until the transaction ends (MySQL); undefined when unknown. */
  lockMentorCapacity(mentorId: string): Promise<number | null | undefined> {
    return this.usersRepository.lockCapacity(mentorId);
  }

  /** The calendar feed state of a user (version and stored token hash). */
  calendarFeedState(id: string): Promise<Pick<UserEntity, 'id' | 'feedVersion' | 'feedTokenHash'> | null> {
    return this.usersRepository.feedState(id);
  }

  /** Stores the hash of a user's current calendar feed token. */
  setCalendarFeedTokenHash(id: string, hash: string): Promise<void> {
    return this.usersRepository.setFeedTokenHash(id, hash);
  }

  /** Revokes a user's calendar feed URL (a new version, no stored hash). */
  rotateCalendarFeed(id: string): Promise<void> {
    return this.usersRepository.bumpFeedVersion(id);
  }

  /** The active user whose calendar feed token hashes to `hash`. */
  findByCalendarFeedTokenHash(hash: string): Promise<Pick<UserEntity, 'id'> | null> {
    return this.usersRepository.findActiveByFeedTokenHash(hash);
  }

  /** Whether `inviterId` invited the account `userId`. */
  wasInvitedBy(userId: string, inviterId: string): Promise<boolean> {
    return this.invitationsRepository.existsFrom(userId, inviterId);
  }

  /** What signing in with an account's credentials depends on (active, role, token version). */
  findAuthState(id: string): ReturnType<UsersRepository['findAuthState']> {
    return this.usersRepository.findAuthState(id);
  }

  /** `findAuthState` of many accounts at once. */
  findAuthStates(ids: string[]): ReturnType<UsersRepository['findAuthStates']> {
    return this.usersRepository.findAuthStates(ids);
  }
}
