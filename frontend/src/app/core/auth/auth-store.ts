import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Api } from '../api/api';
import { authAcceptInvitation } from '../api/fn/auth/auth-accept-invitation';
import { authLogin } from '../api/fn/auth/auth-login';
import { authLogout } from '../api/fn/auth/auth-logout';
import { authRefresh } from '../api/fn/auth/auth-refresh';
import { AuthSession, SessionUser } from './session';

export const AUTH_API = '/api/v1/auth/';

export const SIGNED_OUT_NOTICE = 'You are signed out.';
export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';
export const PASSWORD_CHANGED_NOTICE = 'Your password has been changed and you were signed out everywhere. Sign in with your new password.';
export const SIGNED_OUT_EVERYWHERE_NOTICE = 'You are signed out on every device.';

@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(Api);
  private readonly router = inject(Router);

  private readonly currentUser = signal<SessionUser | null>(null);
  private readonly signInNotice = signal('');
  // Memory only: a token in localStorage would be readable by any injected script.
  private token: string | null = null;
  private pendingRefresh: Promise<boolean> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null);
  readonly role = computed(() => this.currentUser()?.role ?? null);
  /** Why the user was sent to the sign-in page, shown there once. */
  readonly notice = this.signInNotice.asReadonly();

  accessToken(): string | null {
    return this.token;
  }

  async signIn(email: string, password: string): Promise<SessionUser> {
    return this.startSession(await this.api.invoke(authLogin, { body: { email, password } }));
  }

  /** Choosing a password with an invitation signs the person in straight away. */
  async acceptInvitation(token: string, password: string): Promise<SessionUser> {
    return this.startSession(await this.api.invoke(authAcceptInvitation, { body: { token, password } }));
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

  private startSession(session: AuthSession): SessionUser {
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
