import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Transactional } from '@nestjs-cls/transactional';
import { isEmail } from 'class-validator';
import { AuthUser } from '../../common/auth/auth-user';
import { hashToken, newId } from '../../common/crypto';
import { parseCsv } from '../../common/csv';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { Page } from '../../common/pagination';
import { mapPage } from '../../database/keyset-page';
import { isUniqueViolation } from '../../database/transactions';
import { AuditService } from '../audit/audit.service';
import { SettingsService } from '../settings/settings.service';
import { AdminAnnouncements } from './admin-announcements';
import { USER_ASSIGNMENTS, UserAssignments } from './users.constants';
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
import { InvitationEntity } from './invitation.entity';
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
import { AuthState, RevocationState, UsersRepository, UserWithHash } from './users.repository';

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

export type { UserWithHash } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly usersRepository: UsersRepository,
    private readonly invitationsRepository: InvitationsRepository,
    private readonly invitations: InvitationsService,
    private readonly passwordHasher: PasswordHasher,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
    private readonly adminAnnouncements: AdminAnnouncements,
    private readonly moduleRef: ModuleRef,
  ) {}

  private assignmentsService?: UserAssignments;

  /** The assignments module builds on this one, so it is looked up when first needed rather than imported back. */
  private get assignments(): UserAssignments {
    return (this.assignmentsService ??= this.moduleRef.get<UserAssignments>(USER_ASSIGNMENTS, { strict: false }));
  }

  async list(query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const page = await this.usersRepository.list(
      { search: query.search || undefined, role: query.role, active: query.active },
      { limit: query.limit ?? 20, cursor: query.cursor },
    );
    return mapPage(page, (u) => toUserDto(u, u.passwordHash === null));
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
    try {
      await this.storeCreated(actor, user, invitation.entity);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(user.email);
      throw error;
    }
    return {
      user: toUserDto(user, true),
      invitationUrl: invitation.url,
      invitationExpiresAt: invitation.expiresAt.toISOString(),
    };
  }

  @Transactional()
  private async storeCreated(actor: AuthUser, user: UserEntity, invitation: InvitationEntity): Promise<void> {
    await this.usersRepository.insert([user]);
    await this.invitationsRepository.insert([invitation]);
    await this.audit.record({
      actorId: actor.id,
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      details: { role: user.role },
    });
    await this.announceIfAdmin([user], AdminGrantedVia.Admin, actor);
  }

  @Transactional()
  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.usersRepository.findById(id);
    if (!user) throw new UserNotFoundError();
    const roleChanges = dto.role !== undefined && dto.role !== user.role;
    const activeChanges = dto.active !== undefined && dto.active !== user.active;
    if ((roleChanges || activeChanges) && id === actor.id) throw new OwnAccountChangeError();
    if (roleChanges) {
      const assignments = await this.assignments.countForUser(id);
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
      await this.usersRepository.bumpTokenVersion(id, patch);
    } else {
      await this.usersRepository.update(id, { ...patch, updatedAt: new Date() });
    }
    await this.audit.record({
      actorId: actor.id,
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      details: changes,
    });
    if (roleChanges) await this.announceIfAdmin([Object.assign(user, patch)], AdminGrantedVia.Admin, actor);
    return toUserDto(Object.assign(user, patch));
  }

  /** Operator path (CLI): an active admin with a password, no invitation. */
  async createAdmin(email: string, displayName: string, password: string): Promise<UserDto> {
    if (!isEmail(normaliseEmail(email)))
      throw new ValidationFailedError([{ field: 'email', message: 'email must be a valid email address' }]);
    const { programmeTimeZone } = await this.settings.get();
    const user = this.newUser(email, displayName, Role.Admin, programmeTimeZone, null, null, AdminGrantedVia.Cli);
    await this.assertPasswordAllowed(user, password);
    user.passwordHash = await this.passwordHasher.hash(password);
    try {
      await this.storeAdmin(user);
    } catch (error) {
      if (isUniqueViolation(error)) throw new EmailTakenError(user.email);
      throw error;
    }
    return toUserDto(user);
  }

  @Transactional()
  private async storeAdmin(user: UserEntity): Promise<void> {
    await this.usersRepository.insert([user]);
    await this.audit.record({
      actorId: null,
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      details: { role: user.role, via: 'cli' },
    });
    await this.announceIfAdmin([user], AdminGrantedVia.Cli, null);
  }

  /** Only for an account that never set a password: an invitation link is a credential, and it goes to the admin. */
  @Transactional()
  async reissueInvitation(actor: AuthUser, id: string): Promise<InvitationDto> {
    const user = await this.usersRepository.findByIdWithHash(id);
    if (!user) throw new UserNotFoundError();
    if (user.passwordHash !== null) throw new InvitationNotAllowedError();
    const invitation = await this.invitations.reissue(id, actor.id);
    await this.audit.record({
      actorId: actor.id,
      action: 'user.invitation_reissued',
      targetType: 'user',
      targetId: id,
    });
    return { invitationUrl: invitation.url, invitationExpiresAt: invitation.expiresAt.toISOString() };
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
    if (Object.keys(patch).length > 0) await this.storeProfile(userId, patch);
    return this.getMe(userId);
  }

  @Transactional()
  private storeProfile(userId: string, patch: Partial<UserEntity>): Promise<void> {
    return this.usersRepository.update(userId, { ...patch, updatedAt: new Date() });
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
    await this.endEverySession(user.id, { passwordHash });
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
    const load = await this.assignments.countStudentsPerMentor([...mentorsInDb.values()].map((m) => m.id));

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
    const persist = (batch: ImportCandidate[]) => this.storeImported(actor, batch, mentorIdOf);

    const created: ImportCandidate[] = [];
    if (valid.length > 0) {
      try {
        await persist(valid);
        created.push(...valid);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Someone created one of these accounts meanwhile: fall back to one row at a time.
        for (const candidate of valid) {
          try {
            await persist([candidate]);
            created.push(candidate);
          } catch (rowError) {
            if (!isUniqueViolation(rowError)) throw rowError;
            fail(candidate.line, candidate.user.email, 'an account with this email already exists');
          }
        }
      }
    }
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

  /** One batch of the CSV import, whole or not at all: accounts, invitations, assignments. */
  @Transactional()
  private async storeImported(
    actor: AuthUser,
    batch: ImportCandidate[],
    mentorIdOf: (email: string) => string,
  ): Promise<void> {
    // Mentors first, so assignments in the same batch can point at them.
    const ordered = [...batch].sort(
      (a, b) => Number(b.user.role === Role.Mentor) - Number(a.user.role === Role.Mentor),
    );
    await this.usersRepository.insert(ordered.map((c) => c.user));
    await this.invitationsRepository.insert(ordered.map((c) => c.invitation.entity));
    const pairs = ordered
      .filter((c) => c.mentorEmail)
      .map((c) => ({ studentId: c.user.id, mentorId: mentorIdOf(c.mentorEmail!) }));
    await this.assignments.insertMany(pairs, actor.id);
    await this.audit.recordMany(
      ordered.map((c) => ({
        actorId: actor.id,
        action: 'user.created',
        targetType: 'user',
        targetId: c.user.id,
        details: { role: c.user.role, via: 'csv-import', line: c.line },
      })),
    );
    await this.announceIfAdmin(
      ordered.map((c) => c.user),
      AdminGrantedVia.Admin,
      actor,
    );
  }

  private announceIfAdmin(users: UserEntity[], via: AdminGrantedVia, by: AuthUser | null): Promise<void> {
    return this.adminAnnouncements.announce(
      users.filter((u) => u.role === Role.Admin).map((user) => ({ user, via, by })),
    );
  }

  /** The account behind a sign-in email, with its password hash. */
  findByEmailWithHash(email: string): Promise<UserWithHash | null> {
    return this.usersRepository.findByEmailWithHash(normaliseEmail(email));
  }

  findWithHash(id: string): Promise<UserWithHash | null> {
    return this.usersRepository.findByIdWithHash(id);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.usersRepository.findById(id);
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    return this.usersRepository.findByIds(ids);
  }

  /** Whether `createdBy` ever issued an invitation to the account, used or not. */
  invitedBy(userId: string, createdBy: string): Promise<boolean> {
    return this.invitationsRepository.existsFrom(userId, createdBy);
  }

  /** What the auth guard checks on every request (one primary-key read). */
  authState(id: string): Promise<AuthState | null> {
    return this.usersRepository.findAuthState(id);
  }

  /** The revocation state of many accounts (open live streams re-check it). */
  revocationStates(ids: string[]): Promise<Map<string, RevocationState>> {
    return this.usersRepository.findAuthStates(ids);
  }

  /**
   * Every token of the account stops working, the calendar feed URL too ("sign out everywhere",
   * a new password); open live streams end once the transaction commits.
   */
  @Transactional()
  endEverySession(id: string, patch: Pick<Partial<UserEntity>, 'passwordHash'> = {}): Promise<void> {
    return this.usersRepository.endEverySession(id, patch);
  }

  /** Whether an account has this email. */
  async exists(email: string): Promise<boolean> {
    return (await this.usersRepository.findExistingEmails([normaliseEmail(email)])).size > 0;
  }

  /** Stores accounts built in full elsewhere (the demo seed), in the caller's transaction. */
  insertPrepared(users: UserEntity[]): Promise<void> {
    return this.usersRepository.insert(users);
  }

  /** The invitation behind a link's token, used or not. */
  @Transactional()
  invitationByToken(token: string): Promise<InvitationEntity | null> {
    return this.invitationsRepository.findByHash(hashToken(token));
  }

  /**
   * Accepting an invitation: spends it and sets the account's first password, revoking any earlier
   * token. False when the invitation was spent, revoked or expired meanwhile.
   */
  @Transactional()
  async activate(invitationId: string, userId: string, passwordHash: string, now: Date): Promise<boolean> {
    if (!(await this.invitationsRepository.markUsed(invitationId, now))) return false;
    await this.usersRepository.bumpTokenVersion(userId, { passwordHash });
    return true;
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
      feedVersion: 0,
      feedTokenHash: null,
      createdBy,
      ...adminGrant(role, via, createdBy, now),
      createdAt: now,
      updatedAt: now,
    });
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
}
