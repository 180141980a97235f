import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from './auth.interceptor';
import {
  AuthStore,
  CHALLENGE_ENDED_NOTICE,
  PASSWORD_CHANGED_NOTICE,
  SIGNED_OUT_EVERYWHERE_NOTICE,
  SIGNED_OUT_NOTICE,
} from './auth-store';
import { AuthSession } from './session';

const SESSION: AuthSession = {
  accessToken: 'token-1',
  expiresIn: 900,
  user: {
    id: 'u1',
    email: 'ada@example.edu',
    displayName: 'Ada',
    role: 'mentor',
    timeZone: 'Europe/London',
    active: true,
    bio: null,
    mentorCapacity: 5,
    quotaOverride: null,
    createdAt: '2026-09-01T09:00:00.000Z',
  },
};

describe(AuthStore.name, () => {
  let store: AuthStore;
  let backend: HttpTestingController;
  let navigate: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    store = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
    navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    const signedIn = store.signIn('ada@example.edu', 'secret');
    backend.expectOne('/api/v1/auth/login').flush(SESSION);
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('should keep the session user and token after signing in', () => {
    expect(store.user()?.displayName).toBe('Ada');
    expect(store.role()).toBe('mentor');
    expect(store.accessToken()).toBe('token-1');
  });

  it('should sign in with an invitation and keep that session', async () => {
    const accepted = store.acceptInvitation('invite-token', 'a long new password');
    const request = backend.expectOne('/api/v1/auth/invitations/accept');
    expect(request.request.body).toEqual({ token: 'invite-token', password: 'a long new password' });
    request.flush({ ...SESSION, accessToken: 'token-2', user: { ...SESSION.user, id: 'u2', role: 'student' } });

    expect((await accepted)?.role).toBe('student');
    expect(store.accessToken()).toBe('token-2');
  });

  it('should end only this session on sign out', async () => {
    const signedOut = store.signOut();
    const request = backend.expectOne('/api/v1/auth/logout');
    expect(request.request.body).toEqual({});
    request.flush(null, { status: 204, statusText: 'No Content' });
    await signedOut;

    expect(store.isSignedIn()).toBe(false);
    expect(store.notice()).toBe(SIGNED_OUT_NOTICE);
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });

  it('should end every session on sign out everywhere and say so on the sign-in page', async () => {
    const signedOut = store.signOutEverywhere();
    const request = backend.expectOne('/api/v1/auth/logout');
    expect(request.request.body).toEqual({ everywhere: true });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await signedOut;

    expect(store.isSignedIn()).toBe(false);
    expect(store.notice()).toBe(SIGNED_OUT_EVERYWHERE_NOTICE);
  });

  it('should stay signed in when signing out everywhere fails', async () => {
    const signedOut = store.signOutEverywhere();
    backend.expectOne('/api/v1/auth/logout').error(new ProgressEvent('error'));

    await expect(signedOut).rejects.toBeTruthy();
    expect(store.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('should send the user to sign in again after a password change', async () => {
    await store.passwordChanged();

    expect(store.isSignedIn()).toBe(false);
    expect(store.accessToken()).toBeNull();
    expect(store.notice()).toBe(PASSWORD_CHANGED_NOTICE);
    expect(navigate).toHaveBeenCalledWith('/sign-in');
  });

  it('should follow edits of the signed-in user only', () => {
    store.updateUser({ ...SESSION.user, displayName: 'Ada L.' });
    store.updateUser({ ...SESSION.user, id: 'someone-else', displayName: 'Mallory' });

    expect(store.user()?.displayName).toBe('Ada L.');
  });

  describe('two-step sign-in', () => {
    const CHALLENGE = { mfaRequired: true, mfaEnrolmentRequired: false, challengeToken: 'challenge-1', expiresIn: 300 };

    async function passwordAccepted(): Promise<void> {
      const signedIn = store.signIn('grace@example.edu', 'secret');
      backend.expectOne('/api/v1/auth/login').flush(CHALLENGE);
      expect(await signedIn).toBeNull();
    }

    it('should hold the challenge, not a session, after the password', async () => {
      await passwordAccepted();
      expect(store.pendingChallenge()).toEqual(CHALLENGE);
      expect(store.isSignedIn()).toBe(false);
      expect(store.accessToken()).toBeNull();
    });

    it('should start the session with a code and forget the challenge', async () => {
      await passwordAccepted();
      const verified = store.verifyCode('123456');
      const request = backend.expectOne('/api/v1/auth/mfa/verify');
      expect(request.request.body).toEqual({ challengeToken: 'challenge-1', code: '123456' });
      request.flush(SESSION);
      expect((await verified).id).toBe('u1');
      expect(store.accessToken()).toBe('token-1');
      expect(store.pendingChallenge()).toBeNull();
    });

    it('should drop an expired challenge and say why', async () => {
      await passwordAccepted();
      const verified = store.verifyCode('123456');
      backend
        .expectOne('/api/v1/auth/mfa/verify')
        .flush(
          { status: 401, code: 'MFA_CHALLENGE_INVALID' },
          { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/problem+json' } },
        );
      await expect(verified).rejects.toBeDefined();
      expect(store.pendingChallenge()).toBeNull();
      expect(store.notice()).toBe(CHALLENGE_ENDED_NOTICE);
    });

    it('should keep the enrolment step until the recovery codes were seen', async () => {
      const signedIn = store.signIn('grace@example.edu', 'secret');
      backend.expectOne('/api/v1/auth/login').flush({ ...CHALLENGE, mfaRequired: false, mfaEnrolmentRequired: true });
      await signedIn;
      const confirmed = store.confirmRequiredEnrolment('654321');
      backend
        .expectOne('/api/v1/auth/mfa/enrolment/confirm')
        .flush({ ...SESSION, recoveryCodes: ['aaaa-bbbb-cccc-dddd'] });
      expect((await confirmed).recoveryCodes).toEqual(['aaaa-bbbb-cccc-dddd']);
      expect(store.isSignedIn()).toBe(true);
      expect(store.pendingChallenge()).not.toBeNull();
      store.finishChallenge();
      expect(store.pendingChallenge()).toBeNull();
      expect(store.isSignedIn()).toBe(true);
    });
  });
});
