import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Transactional } from '@nestjs-cls/transactional';
import { hashToken, newId, newSecretToken } from '../../common/crypto';
import { MfaChallengePurpose } from '../mfa/mfa.service';
import { MfaCodeInvalidError } from '../mfa/mfa.errors';
import { MfaService } from '../mfa/mfa.service';
import { MfaEnrolmentDto } from '../mfa/dto/mfa.dto';
import { PasswordHasher } from '../users/password-hasher';
import { toUserDto } from '../users/user.dto';
import type { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  ACCESS_TOKEN_TYPE,
  AccessTokenPayload,
  JWT_AUDIENCE,
  JWT_ISSUER,
  REFRESH_TOKEN_TTL_DAYS,
} from './auth.constants';
import {
  AccountInactiveError,
  InvalidCredentialsError,
  InvitationInvalidError,
  SessionExpiredError,
} from './auth.errors';
import { AuthSessionDto, MfaChallengeDto } from './dto/auth.dto';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export interface IssuedSession {
  session: AuthSessionDto;
  refreshToken: string;
}

/** A right password gives a session, or — with two-step sign-in — a challenge for the next step. */
export type SignInResult = IssuedSession | { challenge: MfaChallengeDto };

type RotationOutcome =
  | { kind: 'rotated'; user: UserEntity; refreshToken: string }
  | { kind: 'reused'; familyId: string }
  | { kind: 'invalid'; familyId?: string };

@Injectable()
export class AuthService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly mfa: MfaService,
  ) {}

  /** Unknown email and wrong password cost the same and answer the same. */
  async login(email: string, password: string): Promise<SignInResult> {
    const user = await this.users.findByEmailWithHash(email);
    const valid = await this.passwordHasher.verify(user?.passwordHash ?? null, password);
    if (!user || !valid) throw new InvalidCredentialsError();
    if (!user.active) throw new AccountInactiveError();
    const requirement = await this.mfa.signInRequirement(user);
    if (requirement !== 'none') {
      const { challengeToken, expiresIn } = await this.mfa.issueChallenge(user, requirement);
      return {
        challenge: {
          mfaRequired: requirement === MfaChallengePurpose.Verify,
          mfaEnrolmentRequired: requirement === MfaChallengePurpose.Enrol,
          challengeToken,
          expiresIn,
        },
      };
    }
    return this.issue(user);
  }

  /** Second sign-in step: the challenge plus a TOTP or recovery code. */
  async completeMfa(challengeToken: string, code: string): Promise<IssuedSession> {
    return this.issue(await this.mfa.completeChallenge(challengeToken, code));
  }

  /** Enrolment demanded by the programme, before the admin has a session. */
  async startRequiredEnrolment(challengeToken: string): Promise<MfaEnrolmentDto> {
    return this.mfa.startEnrolment(await this.mfa.challengeUser(challengeToken, MfaChallengePurpose.Enrol));
  }

  async confirmRequiredEnrolment(
    challengeToken: string,
    code: string,
  ): Promise<IssuedSession & { recoveryCodes: string[] }> {
    const user = await this.mfa.challengeUser(challengeToken, MfaChallengePurpose.Enrol);
    let recoveryCodes: string[];
    try {
      recoveryCodes = await this.mfa.confirmEnrolment(user.id, code, 'sign-in');
    } catch (error) {
      if (error instanceof MfaCodeInvalidError) await this.mfa.failChallenge(challengeToken);
      throw error;
    }
    await this.mfa.spendChallenge(challengeToken);
    return { ...(await this.issue(user)), recoveryCodes };
  }

  private async issue(user: UserEntity): Promise<IssuedSession> {
    const refreshToken = await this.startFamily(user);
    return { session: await this.session(user), refreshToken };
  }

  @Transactional()
  private startFamily(user: UserEntity): Promise<string> {
    return this.newRefreshToken(user, newId());
  }

  /**
   * Rotation: each refresh token works once. Presenting a used one means it was copied, so the
   * whole family (every token descended from that sign-in) is revoked.
   */
  async refresh(presented: string | undefined): Promise<IssuedSession> {
    if (!presented || presented.length > 128) throw new SessionExpiredError();
    const now = new Date();
    const outcome = await this.rotate(presented, now);
    if (outcome.kind === 'rotated')
      return { session: await this.session(outcome.user), refreshToken: outcome.refreshToken };
    if (outcome.familyId) await this.revokeFamily(outcome.familyId, now);
    throw new SessionExpiredError();
  }

  @Transactional()
  private async rotate(presented: string, now: Date): Promise<RotationOutcome> {
    const row = await this.refreshTokens.findByHash(hashToken(presented));
    if (!row) return { kind: 'invalid' };
    if (!(await this.refreshTokens.claim(row.id, now))) {
      return row.usedAt !== null || row.revokedAt === null
        ? { kind: 'reused', familyId: row.familyId }
        : { kind: 'invalid' };
    }
    const user = await this.users.findById(row.userId);
    if (!user || !user.active || user.tokenVersion !== row.tokenVersion)
      return { kind: 'invalid', familyId: row.familyId };
    // An admin who must enrol (the programme switched the requirement on) cannot keep a session going.
    if (await this.mfa.mustEnrol(user)) return { kind: 'invalid', familyId: row.familyId };
    return { kind: 'rotated', user, refreshToken: await this.newRefreshToken(user, row.familyId) };
  }

  @Transactional()
  private revokeFamily(familyId: string, now: Date): Promise<void> {
    return this.refreshTokens.revokeFamily(familyId, now);
  }

  /** Ends this session (its refresh family); with `everywhere`, every session of the account. */
  async logout(presented: string | undefined, everywhere: boolean): Promise<void> {
    if (!presented || presented.length > 128) return;
    await this.endFamily(presented, everywhere);
  }

  @Transactional()
  private async endFamily(presented: string, everywhere: boolean): Promise<void> {
    const row = await this.refreshTokens.findByHash(hashToken(presented));
    if (!row) return;
    await this.refreshTokens.revokeFamily(row.familyId, new Date());
    if (everywhere && row.revokedAt === null) await this.users.endEverySession(row.userId);
  }

  async acceptInvitation(token: string, password: string): Promise<SignInResult> {
    const invitation = await this.users.invitationByToken(token);
    const now = new Date();
    if (!invitation || invitation.usedAt || invitation.revokedAt || invitation.expiresAt <= now)
      throw new InvitationInvalidError();
    const user = await this.users.findWithHash(invitation.userId);
    // An invitation only ever activates an account: it never replaces a password someone chose.
    if (!user || user.passwordHash !== null) throw new InvitationInvalidError();
    if (!user.active) throw new AccountInactiveError();

    // Validate and hash before claiming, so a weak password does not burn the invitation.
    await this.users.assertPasswordAllowed(user, password);
    const passwordHash = await this.passwordHasher.hash(password);
    if (!(await this.users.activate(invitation.id, user.id, passwordHash, now))) throw new InvitationInvalidError();
    return this.login(user.email, password);
  }

  private async session(user: UserEntity): Promise<AuthSessionDto> {
    const payload: AccessTokenPayload = {
      sub: user.id,
      role: user.role,
      tv: user.tokenVersion,
      typ: ACCESS_TOKEN_TYPE,
    };
    const accessToken = await this.jwt.signAsync(payload, {
      algorithm: 'HS256',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      header: { alg: 'HS256', typ: 'at+jwt' },
    });
    return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: toUserDto(user) };
  }

  private async newRefreshToken(user: UserEntity, familyId: string): Promise<string> {
    const token = newSecretToken();
    const now = new Date();
    await this.refreshTokens.insert(
      Object.assign(new RefreshTokenEntity(), {
        id: newId(),
        userId: user.id,
        familyId,
        tokenHash: hashToken(token),
        tokenVersion: user.tokenVersion,
        expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
        usedAt: null,
        revokedAt: null,
        createdAt: now,
      }),
    );
    return token;
  }
}
