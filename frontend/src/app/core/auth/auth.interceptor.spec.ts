import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';
import { AuthStore } from './auth-store';
import { AuthSession } from './session';

function session(accessToken: string): AuthSession {
  return {
    accessToken,
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'ada@example.edu',
      displayName: 'Ada',
      role: 'student',
      timeZone: 'Europe/London',
      active: true,
      bio: null,
      mentorCapacity: null,
      quotaOverride: null,
      createdAt: '2026-09-01T09:00:00.000Z',
    },
  };
}

const unauthorized = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: AuthStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(AuthStore);

    const signedIn = store.signIn('ada@example.edu', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(session('first'));
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('should send the access token to the API only', () => {
    http.get('/api/v1/things').subscribe();
    http.get('/assets/logo.svg').subscribe();

    expect(backend.expectOne('/api/v1/things').request.headers.get('Authorization')).toBe('Bearer first');
    expect(backend.expectOne('/assets/logo.svg').request.headers.has('Authorization')).toBe(false);
  });

  it('should refresh once and retry the request after a 401', async () => {
    const result = firstValueFrom(http.get<{ ok: boolean }>('/api/v1/things'));
    backend.expectOne('/api/v1/things').flush(null, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(session('second'));

    const retry = await vi.waitFor(() => backend.expectOne('/api/v1/things'));
    expect(retry.request.headers.get('Authorization')).toBe('Bearer second');
    retry.flush({ ok: true });

    expect(await result).toEqual({ ok: true });
  });

  it('should sign out to sign-in with a return url when the refresh fails', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    vi.spyOn(TestBed.inject(Router), 'url', 'get').mockReturnValue('/student/sessions');

    const result = firstValueFrom(http.get('/api/v1/things'));
    backend.expectOne('/api/v1/things').flush(null, unauthorized);
    backend.expectOne('/api/v1/auth/refresh').flush(null, unauthorized);

    await expect(result).rejects.toMatchObject({ status: 401 });
    expect(store.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: '/student/sessions' } });
    expect(store.notice()).toBe('Your session has ended. Please sign in again.');
  });

  it('should send the refresh cookie with the auth calls only', async () => {
    const refreshed = store.refresh();
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(session('second'));
    expect(await refreshed).toBe(true);

    http.get('/api/v1/things').subscribe();
    expect(backend.expectOne('/api/v1/things').request.withCredentials).toBe(false);
  });

  it('should not try to refresh after a failed sign-in', async () => {
    const result = store.signIn('ada@example.edu', 'wrong');
    backend.expectOne('/api/v1/auth/login').flush(null, unauthorized);

    await expect(result).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/v1/auth/refresh');
  });
});
