import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Api } from '@app/core/api/api';
import { authAcceptInvitation } from '@app/core/api/fn/auth/auth-accept-invitation';
import { authLogin } from '@app/core/api/fn/auth/auth-login';
import { authLogout } from '@app/core/api/fn/auth/auth-logout';
import { authConfirmRequiredEnrolment } from '@app/core/api/fn/auth/auth-confirm-required-enrolment';
import { authRefresh } from '@app/core/api/fn/auth/auth-refresh';
import { authStartRequiredEnrolment } from '@app/core/api/fn/auth/auth-start-required-enrolment';
import { authVerifyMfa } from '@app/core/api/fn/auth/auth-verify-mfa';
import type { MfaChallengeDto } from '@app/core/api/models/mfa-challenge-dto';
import type { MfaEnrolmentDto } from '@app/core/api/models/mfa-enrolment-dto';
import { problemCode } from '@app/core/errors/problem';
import { AuthSession, SessionUser } from './session';

export const AUTH_API = '/api/v1/auth/';

export const SIGNED_OUT_NOTICE = 'You are signed out.';
export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';
export const PASSWORD_CHANGED_NOTICE =
  'Your password has been changed and you were signed out everywhere. Sign in with your new password.';
export const SIGNED_OUT_EVERYWHERE_NOTICE = 'You are signed out on every device.';
export const CHALLENGE_ENDED_NOTICE = 'That sign-in step has expired. Please sign in again.';

@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(Api);
  private readonly router = inject(Router);

  private readonly currentUser = signal<SessionUser | null>(null);
  private readonly signInNotice = signal('');
  private readonly challenge = signal<MfaChallengeDto | null>(null);
  // Memory only: a token in localStorage would be readable by any injected script.
  private token: string | null = null;
  private pendingRefresh: Promise<boolean> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null);
  readonly role = computed(() => this.currentUser()?.role ?? null);
  /** Why the user was sent to the sign-in page, shown there once. */
  readonly notice = this.signInNotice.asReadonly();
  /** After a right password, the second step the account still needs (a code, or enrolment first). */
  readonly pendingChallenge = this.challenge.asReadonly();

  accessToken(): string | null {
    return this.token;
  }

  /** The signed-in user, or null when a second step is needed (see `pendingChallenge`). */
  async signIn(email: string, password: string): Promise<SessionUser | null> {
    return this.afterPassword(await this.api.invoke(authLogin, { body: { email, password } }));
  }

  /** Choosing a password with an invitation signs the person in straight away (or leads to the second step). */
  async acceptInvitation(token: string, password: string): Promise<SessionUser | null> {
    return this.afterPassword(await this.api.invoke(authAcceptInvitation, { body: { token, password } }));
  }

  /** Second sign-in step: a code from the authenticator app or a recovery code. */
  async verifyCode(code: string): Promise<SessionUser> {
    const session = await this.withChallenge((challengeToken) =>
      this.api.invoke(authVerifyMfa, { body: { challengeToken, code } }),
    );
    return this.startSession(session);
  }

  /** Enrolment the programme requires before this admin may sign in. */
  startRequiredEnrolment(): Promise<MfaEnrolmentDto> {
    return this.withChallenge((challengeToken) =>
      this.api.invoke(authStartRequiredEnrolment, { body: { challengeToken } }),
    );
  }

  /** Turns two-step sign-in on and signs in; the recovery codes are for showing once. */
  async confirmRequiredEnrolment(code: string): Promise<{ user: SessionUser; recoveryCodes: string[] }> {
    const { recoveryCodes, ...session } = await this.withChallenge((challengeToken) =>
      this.api.invoke(authConfirmRequiredEnrolment, { body: { challengeToken, code } }),
    );
    // The step stays pending until the user has seen the codes and continues (finishChallenge).
    return { user: this.startSession(session, { keepChallenge: true }), recoveryCodes };
  }

  /** The second step is done (or abandoned): back to a plain signed-in or signed-out state. */
  finishChallenge(): void {
    this.challenge.set(null);
  }

  /** Back to the password. */
  cancelChallenge(): void {
    this.challenge.set(null);
    if (this.isSignedIn()) return;
    this.clear();
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    this.pendingRefresh ??= this.api
      .invoke(authRefresh)
      .then((session) => {
        this.startSession(session);
        return true;
      })
      .catch(() => {
        this.clear();
        return false;
      })
      .finally(() => (this.pendingRefresh = null));
    return this.pendingRefresh;
  }

  async restore(): Promise<void> {
    await this.refresh();
  }

  /** Keeps the signed-in user in step after they edit their own profile. */
  updateUser(user: SessionUser): void {
    if (this.currentUser()?.id === user.id) this.currentUser.set(user);
  }

  async signOut(): Promise<void> {
    await this.api.invoke(authLogout, { body: {} }).catch(() => undefined);
    await this.leave(SIGNED_OUT_NOTICE);
  }

  /**
   * Ends every session of the account. Unlike a plain sign-out this fails loudly: the user must
   * not believe other devices are signed out when they are not.
   */
  async signOutEverywhere(): Promise<void> {
    await this.api.invoke(authLogout, { body: { everywhere: true } });
    await this.leave(SIGNED_OUT_EVERYWHERE_NOTICE);
  }

  /** The server ended every session after a password change; the user signs in again. */
  async passwordChanged(): Promise<void> {
    await this.leave(PASSWORD_CHANGED_NOTICE);
  }

  /** Ends a session the server no longer accepts, keeping the way back to where the user was. */
  async expireSession(returnUrl: string): Promise<void> {
    this.clear();
    this.signInNotice.set(SESSION_ENDED_NOTICE);
    const keepReturnUrl = returnUrl !== '/' && !returnUrl.startsWith('/sign-in');
    await this.router.navigate(['/sign-in'], keepReturnUrl ? { queryParams: { returnUrl } } : {});
  }

  private async leave(notice: string): Promise<void> {
    this.clear();
    this.signInNotice.set(notice);
    await this.router.navigateByUrl('/sign-in');
  }

  private afterPassword(result: AuthSession | MfaChallengeDto): SessionUser | null {
    if ('challengeToken' in result) {
      this.clear();
      this.challenge.set(result);
      return null;
    }
    return this.startSession(result);
  }

  /** A spent or expired challenge sends the user back to the password, saying why. */
  private async withChallenge<T>(call: (challengeToken: string) => Promise<T>): Promise<T> {
    const challenge = this.challenge();
    if (!challenge) throw new Error('No sign-in step is pending');
    try {
      return await call(challenge.challengeToken);
    } catch (error) {
      if (problemCode(error) === 'MFA_CHALLENGE_INVALID') {
        this.challenge.set(null);
        this.signInNotice.set(CHALLENGE_ENDED_NOTICE);
      }
      throw error;
    }
  }

  private startSession(session: AuthSession, options: { keepChallenge?: boolean } = {}): SessionUser {
    if (!options.keepChallenge) this.challenge.set(null);
    this.token = session.accessToken;
    this.currentUser.set(session.user);
    this.signInNotice.set('');
    return session.user;
  }

  private clear(): void {
    this.token = null;
    this.currentUser.set(null);
  }
}
