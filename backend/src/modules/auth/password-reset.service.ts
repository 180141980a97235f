import { Inject, Injectable } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashToken, newId, newSecretToken } from '../../common/crypto';
import { DomainEventBus } from '../../common/events/domain-event';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/env';
import { AuditService } from '../audit/audit.service';
import { htmlParagraphs, MailService } from '../notifications/mail.service';
import { PasswordHasher } from '../users/password-hasher';
import type { UserWithHash } from '../users/users.service';
import { UserNotFoundError } from '../users/users.errors';
import { UsersService } from '../users/users.service';
import { MailNotConfiguredError, PasswordResetNotAllowedError, ResetTokenInvalidError } from './auth.errors';
import { PasswordResetEntity } from './password-reset.entity';
import { PasswordResetsRepository } from './password-resets.repository';

export const RESET_TOKEN_MINUTES = 30;
/** Every answer to a reset request takes at least this long, so its timing does not tell whether the address has an account. */
export const RESET_REQUEST_FLOOR_MS = 300;
/** A person asking again within this time is not sent another e-mail (the first link still works). */
export const RESET_RESEND_AFTER_MS = 60_000;

interface IssuedReset {
  url: string;
  expiresAt: Date;
}

/**
 * Password reset by e-mail. The link goes only to the account's own address: neither the person
 * asking (who may not own the address) nor an admin who starts it ever sees the token.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly resets: PasswordResetsRepository,
    private readonly passwordHasher: PasswordHasher,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly bus: DomainEventBus,
  ) {}

  /** Same answer, same minimum time, whether or not the address belongs to an account. */
  async request(email: string): Promise<void> {
    const started = Date.now();
    try {
      const user = await this.users.findByEmailWithHash(email);
      if (!user || !user.active || user.passwordHash === null) return;
      const issued = await this.issueUnlessRecent(user.id);
      // Not awaited: how long the mail server takes must not show in the answer's timing.
      if (issued) void this.mail.send(this.message(user, issued, null));
    } finally {
      const wait = started + RESET_REQUEST_FLOOR_MS - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }

  /** An admin starts a reset: the e-mail goes to the person's own address, the admin gets no link. */
  async sendByAdmin(actor: AuthUser, userId: string): Promise<{ sentTo: string; expiresAt: Date }> {
    const user = await this.users.findWithHash(userId);
    if (!user) throw new UserNotFoundError();
    if (user.passwordHash === null) throw new PasswordResetNotAllowedError('not_activated');
    if (!user.active) throw new PasswordResetNotAllowedError('inactive');
    if (!this.mail.configured) throw new MailNotConfiguredError();
    const issued = await this.issueByAdmin(actor, user.id);
    await this.mail.send(this.message(user, issued, actor));
    this.bus.publish({
      type: 'account.password_reset_sent',
      at: new Date().toISOString(),
      actorId: actor.id,
      audience: [user.id],
      subject: { type: 'user', id: user.id },
      data: {},
    });
    return { sentTo: user.email, expiresAt: issued.expiresAt };
  }

  /** Sets the new password, spends the link and ends every session of the account. */
  async confirm(token: string, password: string): Promise<void> {
    const now = new Date();
    const reset = await this.findByToken(token);
    if (!reset || reset.usedAt || reset.revokedAt || reset.expiresAt <= now) throw new ResetTokenInvalidError();
    const user = await this.users.findWithHash(reset.userId);
    if (!user || !user.active || user.passwordHash === null) throw new ResetTokenInvalidError();

    // Validate and hash before spending the link, so a refused password does not burn it.
    await this.users.assertPasswordAllowed(user, password);
    const passwordHash = await this.passwordHasher.hash(password);
    await this.spend(reset, passwordHash, now);
    this.bus.publish({
      type: 'account.password_reset',
      at: now.toISOString(),
      actorId: null,
      audience: [user.id],
      subject: { type: 'user', id: user.id },
      data: {},
    });
  }

  @Transactional()
  private async issueUnlessRecent(userId: string): Promise<IssuedReset | null> {
    const now = new Date();
    if (await this.resets.sentSince(userId, new Date(now.getTime() - RESET_RESEND_AFTER_MS))) return null;
    return this.issue(userId, null, now);
  }

  @Transactional()
  private async issueByAdmin(actor: AuthUser, userId: string): Promise<IssuedReset> {
    const reset = await this.issue(userId, actor.id, new Date());
    await this.audit.record({
      actorId: actor.id,
      action: 'user.password_reset_sent',
      targetType: 'user',
      targetId: userId,
      details: { expiresAt: reset.expiresAt.toISOString() },
    });
    return reset;
  }

  @Transactional()
  private findByToken(token: string): Promise<PasswordResetEntity | null> {
    return this.resets.findByHash(hashToken(token));
  }

  /** Spends the link, sets the new password and ends every session, or refuses a link spent meanwhile. */
  @Transactional()
  private async spend(reset: PasswordResetEntity, passwordHash: string, now: Date): Promise<void> {
    if (!(await this.resets.markUsed(reset.id, now))) throw new ResetTokenInvalidError();
    await this.resets.revokeOpen(reset.userId, now);
    await this.users.endEverySession(reset.userId, { passwordHash });
    await this.audit.record({
      actorId: reset.userId,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: reset.userId,
      details: { sentBy: reset.requestedBy },
    });
  }

  /** A new link; earlier open ones stop working. The token exists only in the returned URL. */
  private async issue(userId: string, requestedBy: string | null, now: Date): Promise<IssuedReset> {
    const token = newSecretToken();
    const expiresAt = new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000);
    await this.resets.revokeOpen(userId, now);
    await this.resets.insert(
      Object.assign(new PasswordResetEntity(), {
        id: newId(),
        userId,
        tokenHash: hashToken(token),
        expiresAt,
        usedAt: null,
        revokedAt: null,
        requestedBy,
        createdAt: now,
      }),
    );
    return { url: `${this.config.publicUrl}/reset-password?token=${token}`, expiresAt };
  }

  private message(user: UserWithHash, reset: IssuedReset, admin: AuthUser | null) {
    const intro = admin
      ? `${admin.displayName}, an admin of your PeerPals programme, started a password reset for your account. The admin cannot see this link.`
      : 'Someone asked to reset the password of your PeerPals account.';
    const text = [
      `Hello ${user.displayName},`,
      intro,
      `To choose a new password, open this link within ${RESET_TOKEN_MINUTES} minutes. It works once:\n${reset.url}`,
      'If you did not expect this e-mail, you can ignore it: your password stays as it is.',
    ].join('\n\n');
    return {
      to: user.email,
      subject: 'Reset your PeerPals password',
      text,
      html: `${htmlParagraphs(text)}\n<p><a href="${reset.url}">Choose a new password</a></p>`,
    };
  }
}
