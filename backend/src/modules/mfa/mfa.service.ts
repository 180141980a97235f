import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Transactional } from '@nestjs-cls/transactional';
import { toString as qrCodeSvg } from 'qrcode';
import { hashToken, newId, newSecretToken } from '../../common/crypto';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { AuditService } from '../audit/audit.service';
import { SettingsService } from '../settings/settings.service';
import { PasswordHasher } from '../users/password-hasher';
import { Role } from '../../common/auth/role';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { DisableMfaDto, MfaEnrolmentDto, MfaStatusDto } from './dto/mfa.dto';
import { MfaChallengeEntity, MfaChallengePurpose, MfaRecoveryCodeEntity, UserMfaEntity } from './mfa.entities';
import {
  MfaAlreadyEnabledError,
  MfaChallengeInvalidError,
  MfaCodeInvalidError,
  MfaEnrolmentNotStartedError,
  MfaLockedError,
  MfaNotEnabledError,
} from './mfa.errors';
import { MfaRepository } from './mfa.repository';
import { MfaSecretBox } from './mfa-secret-box';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp';

export const MFA_ISSUER = 'PeerPals';
export const CHALLENGE_TTL_SECONDS = 5 * 60;
/** Wrong codes one challenge takes before the password must be entered again. */
export const CHALLENGE_MAX_FAILURES = 5;
/** Every this many wrong codes in a row lock code entry for the account for LOCK_MINUTES. */
export const FAILURES_BEFORE_LOCK = 5;
export const LOCK_MINUTES = 15;
export const RECOVERY_CODE_COUNT = 10;

export type SignInRequirement = 'none' | MfaChallengePurpose;

export interface IssuedChallenge {
  challengeToken: string;
  expiresIn: number;
}

/** Where a code is checked: during sign-in (no session yet) or by a signed-in admin. */
export type CodeContext = 'sign-in' | 'signed-in';

type CodeOutcome = { ok: true } | { ok: false; lockedUntil: Date | null };

/** Accepts `abcd-efgh-…`, upper case, spaces: what people copy from a file or type. */
function invalidCode(context: CodeContext): MfaCodeInvalidError {
  return new MfaCodeInvalidError(context === 'sign-in' ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z2-7]/g, '');
}

function newRecoveryCode(): string {
  return base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join('-');
}

/**
 * Two-step sign-in with TOTP (RFC 6238) for admins: enrolment, code checks with replay protection
 * and lock-out, recovery codes, and the short-lived challenge between password and code.
 */
export { MfaChallengePurpose } from './mfa.entities';

@Injectable()
export class MfaService {
  private box?: Promise<MfaSecretBox>;

  constructor(
    private readonly mfaRepository: MfaRepository,
    private readonly users: UsersService,
    private readonly passwordHasher: PasswordHasher,
    private readonly settings: SettingsService,
    private readonly audit: AuditService,
  ) {}

  async status(userId: string): Promise<MfaStatusDto> {
    const [mfa, settings] = await Promise.all([this.mfaRepository.find(userId), this.settings.get()]);
    const enabled = Boolean(mfa?.enabledAt);
    return {
      enabled,
      enabledAt: mfa?.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: enabled ? await this.mfaRepository.countUnusedRecoveryCodes(userId) : 0,
      requiredForAdmins: settings.mfaRequiredForAdmins,
    };
  }

  /**
   * What a correct password leads to: tokens, a code, or enrolment first. Two-step sign-in is for
   * admin accounts: students and mentors (who cannot manage it) are never asked, at no extra query.
   */
  async signInRequirement(user: Pick<UserEntity, 'id' | 'role'>): Promise<SignInRequirement> {
    if (user.role !== Role.Admin) return 'none';
    const mfa = await this.mfaRepository.find(user.id);
    if (mfa?.enabledAt) return MfaChallengePurpose.Verify;
    if ((await this.settings.get()).mfaRequiredForAdmins) return MfaChallengePurpose.Enrol;
    return 'none';
  }

  /** An admin the programme requires to use MFA who has not enrolled; others cost no query. */
  async mustEnrol(user: Pick<UserEntity, 'id' | 'role'>): Promise<boolean> {
    if (user.role !== Role.Admin || !(await this.settings.get()).mfaRequiredForAdmins) return false;
    return !(await this.mfaRepository.find(user.id))?.enabledAt;
  }

  @Transactional()
  async issueChallenge(
    user: Pick<UserEntity, 'id' | 'tokenVersion'>,
    purpose: MfaChallengePurpose,
  ): Promise<IssuedChallenge> {
    const token = newSecretToken();
    const now = new Date();
    const challenge = Object.assign(new MfaChallengeEntity(), {
      tokenHash: hashToken(token),
      userId: user.id,
      purpose,
      tokenVersion: user.tokenVersion,
      failedAttempts: 0,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
      usedAt: null,
      createdAt: now,
    });
    await this.mfaRepository.insertChallenge(challenge);
    return { challengeToken: token, expiresIn: CHALLENGE_TTL_SECONDS };
  }

  /** The user behind a live challenge of this purpose (not yet used up), or MFA_CHALLENGE_INVALID. */
  async challengeUser(token: string, purpose: MfaChallengePurpose): Promise<UserEntity> {
    const now = new Date();
    const found = token.length <= 128 ? await this.findChallenge(token) : null;
    if (
      !found ||
      found.purpose !== purpose ||
      found.usedAt ||
      found.expiresAt <= now ||
      found.failedAttempts >= CHALLENGE_MAX_FAILURES
    )
      throw new MfaChallengeInvalidError();
    const user = await this.users.findById(found.userId);
    if (!user || !user.active || user.tokenVersion !== found.tokenVersion) throw new MfaChallengeInvalidError();
    return user;
  }

  @Transactional()
  private findChallenge(token: string): Promise<MfaChallengeEntity | null> {
    return this.mfaRepository.findChallenge(hashToken(token));
  }

  /** Second sign-in step: a TOTP or recovery code against the challenge; the challenge is then spent. */
  async completeChallenge(token: string, code: string): Promise<UserEntity> {
    const user = await this.challengeUser(token, MfaChallengePurpose.Verify);
    await this.checkCode(user.id, code, { allowRecovery: true, challengeToken: token, context: 'sign-in' });
    return user;
  }

  @Transactional()
  async spendChallenge(token: string): Promise<void> {
    const claimed = await this.mfaRepository.claimChallenge(hashToken(token), CHALLENGE_MAX_FAILURES, new Date());
    if (!claimed) throw new MfaChallengeInvalidError();
  }

  @Transactional()
  async failChallenge(token: string): Promise<void> {
    await this.mfaRepository.failChallenge(hashToken(token));
  }

  /** A new secret, not usable for sign-in until confirmed with a code from it. */
  async startEnrolment(user: Pick<UserEntity, 'id' | 'email'>): Promise<MfaEnrolmentDto> {
    const secret = newTotpSecret();
    const box = await this.secretBox();
    const now = new Date();
    const row = Object.assign(new UserMfaEntity(), {
      userId: user.id,
      secret: box.seal(secret, user.id),
      enabledAt: null,
      lastUsedStep: null,
      failedAttempts: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    if (!(await this.beginEnrolment(row))) throw new MfaAlreadyEnabledError();
    const uri = otpauthUri(secret, user.email, MFA_ISSUER);
    const svg = await qrCodeSvg(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return {
      secret,
      otpauthUri: uri,
      qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  @Transactional()
  private async beginEnrolment(row: UserMfaEntity): Promise<boolean> {
    if (!(await this.mfaRepository.replacePending(row))) return false;
    await this.audit.record({
      actorId: row.userId,
      action: 'mfa.enrolment_started',
      targetType: 'user',
      targetId: row.userId,
    });
    return true;
  }

  /** Turns MFA on with a code from the new secret; returns the recovery codes (shown once). */
  async confirmEnrolment(userId: string, code: string, context: CodeContext): Promise<string[]> {
    const mfa = await this.mfaRepository.find(userId);
    if (mfa?.enabledAt) throw new MfaAlreadyEnabledError();
    if (!mfa) throw new MfaEnrolmentNotStartedError();
    const step = matchTotp((await this.secretBox()).open(mfa.secret, userId), code.trim());
    if (step === null) {
      await this.audit.record({
        actorId: userId,
        action: 'mfa.code_refused',
        targetType: 'user',
        targetId: userId,
        details: { during: 'enrolment' },
      });
      throw invalidCode(context);
    }
    const { codes, rows } = this.newRecoveryCodes(userId);
    await this.enable(userId, step, rows);
    return codes;
  }

  @Transactional()
  private async enable(userId: string, step: number, recoveryCodes: MfaRecoveryCodeEntity[]): Promise<void> {
    if (!(await this.mfaRepository.enable(userId, step, new Date()))) throw new MfaAlreadyEnabledError();
    await this.mfaRepository.replaceRecoveryCodes(userId, recoveryCodes);
    await this.audit.record({ actorId: userId, action: 'mfa.enabled', targetType: 'user', targetId: userId });
  }

  /** Needs a current code (or recovery code) or the password. */
  async disable(userId: string, dto: DisableMfaDto): Promise<void> {
    const mfa = await this.mfaRepository.find(userId);
    if (!mfa?.enabledAt) throw new MfaNotEnabledError();
    if (dto.code) {
      await this.checkCode(userId, dto.code, { allowRecovery: true, context: 'signed-in' });
    } else if (dto.password) {
      const user = await this.users.findWithHash(userId);
      if (!(await this.passwordHasher.verify(user?.passwordHash ?? null, dto.password))) {
        throw new ValidationFailedError([{ field: 'password', message: 'password is not your current password' }]);
      }
    } else {
      throw new ValidationFailedError([{ field: 'code', message: 'code or password is required' }]);
    }
    await this.remove(userId, dto.code ? 'code' : 'password');
  }

  @Transactional()
  private async remove(userId: string, confirmedWith: 'code' | 'password'): Promise<void> {
    await this.mfaRepository.remove(userId);
    await this.audit.record({
      actorId: userId,
      action: 'mfa.disabled',
      targetType: 'user',
      targetId: userId,
      details: { with: confirmedWith },
    });
  }

  /** New recovery codes for a current code; the earlier ones stop working. */
  async regenerateRecoveryCodes(userId: string, code: string): Promise<string[]> {
    const mfa = await this.mfaRepository.find(userId);
    if (!mfa?.enabledAt) throw new MfaNotEnabledError();
    await this.checkCode(userId, code, { allowRecovery: false, context: 'signed-in' });
    const { codes, rows } = this.newRecoveryCodes(userId);
    await this.replaceRecoveryCodes(userId, rows);
    return codes;
  }

  @Transactional()
  private async replaceRecoveryCodes(userId: string, rows: MfaRecoveryCodeEntity[]): Promise<void> {
    await this.mfaRepository.replaceRecoveryCodes(userId, rows);
    await this.audit.record({
      actorId: userId,
      action: 'mfa.recovery_codes_regenerated',
      targetType: 'user',
      targetId: userId,
    });
  }

  /**
   * Checks a code for an enrolled account: a TOTP code for a step newer than the last one used, or
   * (when allowed) an unused recovery code. Counting and checking are one step: the attempt is
   * taken by conditional UPDATEs, on the challenge and on the account, before the code is compared
   * and in the same transaction that records the outcome. So however many codes arrive at once, a
   * challenge has at most CHALLENGE_MAX_FAILURES of them checked, and the account locks on time.
   * A refusal returns (and commits the count) rather than throwing inside the transaction.
   */
  private async checkCode(
    userId: string,
    rawCode: string,
    options: { allowRecovery: boolean; challengeToken?: string; context: CodeContext },
  ): Promise<void> {
    const code = rawCode.trim();
    const now = new Date();
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const box = await this.secretBox();
    const challengeHash = options.challengeToken ? hashToken(options.challengeToken) : null;
    const outcome = await this.attempt(userId, code, options.allowRecovery, challengeHash, box, now, lockUntil);
    if (outcome.ok) return;
    if (outcome.lockedUntil) throw new MfaLockedError(outcome.lockedUntil, now);
    throw invalidCode(options.context);
  }

  /** One counted attempt and its outcome, in one transaction (see checkCode). */
  @Transactional()
  private async attempt(
    userId: string,
    code: string,
    allowRecovery: boolean,
    challengeHash: string | null,
    box: MfaSecretBox,
    now: Date,
    lockUntil: Date,
  ): Promise<CodeOutcome> {
    if (challengeHash && !(await this.mfaRepository.takeChallengeAttempt(challengeHash, CHALLENGE_MAX_FAILURES, now)))
      throw new MfaChallengeInvalidError();
    const mfa = await this.mfaRepository.find(userId);
    const attempt = mfa?.enabledAt
      ? await this.mfaRepository.takeAttempt(userId, FAILURES_BEFORE_LOCK, now, lockUntil)
      : null;
    if (attempt && !attempt.taken) {
      // Locked: nothing was checked, so the challenge's try is given back with the rollback.
      const current = await this.mfaRepository.find(userId);
      throw new MfaLockedError(
        current?.lockedUntil && current.lockedUntil > now ? current.lockedUntil : lockUntil,
        now,
      );
    }
    if (attempt && (await this.matches(userId, mfa!, code, allowRecovery, box, now))) {
      if (challengeHash && !(await this.mfaRepository.finishChallenge(challengeHash, now)))
        throw new MfaChallengeInvalidError();
      return { ok: true };
    }
    const locks = attempt?.locks ?? false;
    await this.audit.record({
      actorId: userId,
      action: locks ? 'mfa.locked' : 'mfa.code_refused',
      targetType: 'user',
      targetId: userId,
    });
    return { ok: false, lockedUntil: locks ? lockUntil : null };
  }

  /** Compares the code; a right one is used up (TOTP step claimed, or recovery code spent) and clears the count. */
  private async matches(
    userId: string,
    mfa: UserMfaEntity,
    code: string,
    allowRecovery: boolean,
    box: MfaSecretBox,
    now: Date,
  ): Promise<boolean> {
    if (/^\d{6}$/.test(code)) {
      const step = matchTotp(box.open(mfa.secret, userId), code, now);
      return step !== null && (await this.mfaRepository.claimStep(userId, step, now));
    }
    if (
      !allowRecovery ||
      !(await this.mfaRepository.useRecoveryCode(userId, hashToken(normaliseRecoveryCode(code)), now))
    )
      return false;
    await this.mfaRepository.resetFailures(userId, now);
    const left = await this.mfaRepository.countUnusedRecoveryCodes(userId);
    await this.audit.record({
      actorId: userId,
      action: 'mfa.recovery_code_used',
      targetType: 'user',
      targetId: userId,
      details: { left },
    });
    return true;
  }

  private newRecoveryCodes(userId: string): { codes: string[]; rows: MfaRecoveryCodeEntity[] } {
    const now = new Date();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const rows = codes.map((code) =>
      Object.assign(new MfaRecoveryCodeEntity(), {
        id: newId(),
        userId,
        codeHash: hashToken(normaliseRecoveryCode(code)),
        usedAt: null,
        createdAt: now,
      }),
    );
    return { codes, rows };
  }

  private secretBox(): Promise<MfaSecretBox> {
    if (!this.box) {
      const box = this.settings.mfaSecretKey().then((key) => new MfaSecretBox(key));
      // A failed read (database briefly away) is retried next time instead of being remembered.
      box.catch(() => {
        if (this.box === box) this.box = undefined;
      });
      this.box = box;
    }
    return this.box;
  }
}
