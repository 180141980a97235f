import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, map, Observable } from 'rxjs';
import { AuthSession, SessionUser } from './session';

export const AUTH_API = '/api/v1/auth/';

@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);

  private readonly currentUser = signal<SessionUser | null>(null);
  // Memory only: a token in localStorage would be readable by any injected script.
  private token: string | null = null;
  private pendingRefresh: Promise<boolean> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly isSignedIn = computed(() => this.currentUser() !== null);
  readonly role = computed(() => this.currentUser()?.role ?? null);

  accessToken(): string | null {
    return this.token;
  }

  signIn(email: string, password: string): Observable<SessionUser> {
    return this.http
      .post<AuthSession>(`${AUTH_API}login`, { email, password }, { withCredentials: true })
      .pipe(map((session) => this.startSession(session)));
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
  refresh(): Promise<boolean> {
    this.pendingRefresh ??= firstValueFrom(
      this.http.post<AuthSession>(`${AUTH_API}refresh`, null, { withCredentials: true }),
    )
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

  async signOut(): Promise<void> {
    await firstValueFrom(this.http.post(`${AUTH_API}logout`, null, { withCredentials: true })).catch(() => undefined);
    this.clear();
    await this.router.navigateByUrl('/sign-in');
  }

  /** Ends a session the server no longer accepts, keeping the way back to where the user was. */
  async expireSession(returnUrl: string): Promise<void> {
    this.clear();
    const keepReturnUrl = returnUrl !== '/' && !returnUrl.startsWith('/sign-in');
    await this.router.navigate(['/sign-in'], keepReturnUrl ? { queryParams: { returnUrl } } : {});
  }

  private startSession(session: AuthSession): SessionUser {
    this.token = session.accessToken;
    this.currentUser.set(session.user);
    return session.user;
  }

  private clear(): void {
    this.token = null;
    this.currentUser.set(null);
  }
}
