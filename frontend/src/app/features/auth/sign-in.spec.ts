import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { SignIn } from './sign-in';

describe(SignIn.name, () => {
  let fixture: ComponentFixture<SignIn>;
  let http: HttpTestingController;

  function fieldLabelled(text: string): HTMLInputElement {
    const element: HTMLElement = fixture.nativeElement;
    const label = Array.from(element.querySelectorAll('label')).find((l) => l.textContent?.trim() === text);
    expect(label, `label "${text}"`).toBeDefined();
    const input = element.querySelector<HTMLInputElement>(`#${label!.htmlFor}`);
    expect(input, `input for "${text}"`).not.toBeNull();
    return input!;
  }

  function type(input: HTMLInputElement, value: string): void {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submit(email: string, password: string): Promise<void> {
    type(fieldLabelled('Email'), email);
    type(fieldLabelled('Password'), password);
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SignIn);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('should render one heading and labelled fields with autocomplete hints', () => {
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelectorAll('h1')).toHaveLength(1);

    const email = fieldLabelled('Email');
    expect(email.type).toBe('email');
    expect(email.autocomplete).toBe('username');

    const password = fieldLabelled('Password');
    expect(password.type).toBe('password');
    expect(password.autocomplete).toBe('current-password');
  });

  it('should lead to the forgotten-password page', () => {
    const link = (fixture.nativeElement as HTMLElement).querySelector('a[href="/forgot-password"]');
    expect(link?.textContent?.trim()).toBe('Forgot password?');
  });

  it('should show the problem message in an alert when the credentials are wrong', async () => {
    await submit('ada@example.edu', 'not-the-password');

    const request = http.expectOne('/api/v1/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ada@example.edu', password: 'not-the-password' });
    expect(request.request.withCredentials).toBe(true);
    request.flush(
      {
        type: 'urn:peerpals:problem:invalid-credentials',
        title: 'Unauthorized',
        status: 401,
        detail: 'Invalid credentials',
        code: 'INVALID_CREDENTIALS',
      },
      { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/problem+json' } },
    );
    const alert = (fixture.nativeElement as HTMLElement).querySelector('[role=alert]');
    await vi.waitFor(() => expect(alert?.textContent?.trim()).toBe('The email or password is not right.'));
    expect(
      (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type=submit]')!.disabled,
    ).toBe(false);
  });

  it('should go to the dashboard of the signed-in role', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await submit('ada@example.edu', 'correct horse battery');

    http.expectOne('/api/v1/auth/login').flush({
      accessToken: 'token',
      expiresIn: 900,
      user: {
        id: 'u1',
        email: 'ada@example.edu',
        displayName: 'Ada',
        role: 'mentor',
        timeZone: 'Europe/London',
        active: true,
        bio: null,
        mentorCapacity: null,
        quotaOverride: null,
        createdAt: '2026-09-01T09:00:00.000Z',
      },
    });

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/mentor'));
  });

  it('should say why the user was sent here', async () => {
    const store = TestBed.inject(AuthStore);
    vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await store.passwordChanged();
    await fixture.whenStable();

    const status = (fixture.nativeElement as HTMLElement).querySelector('[role=status]');
    expect(status?.textContent).toContain('Sign in with your new password.');
  });

  describe('two-step sign-in', () => {
    const admin = {
      id: 'a1',
      email: 'grace@example.edu',
      displayName: 'Grace',
      role: 'admin',
      timeZone: 'Europe/London',
      active: true,
      bio: null,
      mentorCapacity: null,
      quotaOverride: null,
      createdAt: '2026-09-01T09:00:00.000Z',
    };
    const problem = (status: number, code: string) =>
      [
        { type: 'about:blank', title: 'Error', status, detail: 'No', code },
        { status, statusText: 'Error', headers: { 'content-type': 'application/problem+json' } },
      ] as const;
    const element = () => fixture.nativeElement as HTMLElement;
    const button = (text: string) =>
      Array.from(element().querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;

    async function passwordAccepted(challenge: { mfaRequired: boolean; mfaEnrolmentRequired: boolean }): Promise<void> {
      await submit('grace@example.edu', 'correct horse battery');
      http.expectOne('/api/v1/auth/login').flush({ ...challenge, challengeToken: 'challenge-1', expiresIn: 300 });
      await vi.waitFor(() => expect(element().querySelector('form input[type=password]')).toBeNull());
      await fixture.whenStable();
    }

    it('should ask for a code after the password and sign in with it', async () => {
      const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await passwordAccepted({ mfaRequired: true, mfaEnrolmentRequired: false });
      expect(element().textContent).toContain('recovery codes');
      const code = fieldLabelled('Code');
      expect(code.autocomplete).toBe('one-time-code');

      type(code, '123456');
      button('Verify').click();
      await fixture.whenStable();
      const verify = http.expectOne('/api/v1/auth/mfa/verify');
      expect(verify.request.body).toEqual({ challengeToken: 'challenge-1', code: '123456' });
      expect(verify.request.withCredentials).toBe(true);
      verify.flush({ accessToken: 'token', expiresIn: 900, user: admin });

      await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/admin'));
      expect(TestBed.inject(AuthStore).pendingChallenge()).toBeNull();
    });

    it('should say when the code is wrong and let the user try again', async () => {
      await passwordAccepted({ mfaRequired: true, mfaEnrolmentRequired: false });
      type(fieldLabelled('Code'), 'abcd-efgh-jkmn-pqrs');
      button('Verify').click();
      await fixture.whenStable();
      http.expectOne('/api/v1/auth/mfa/verify').flush(...problem(401, 'MFA_CODE_INVALID'));
      await vi.waitFor(() =>
        expect(element().querySelector('[role=alert]')?.textContent).toContain('That code is not right'),
      );
      expect(fieldLabelled('Code').value).toBe('');
    });

    it('should go back to the password when the step has expired', async () => {
      await passwordAccepted({ mfaRequired: true, mfaEnrolmentRequired: false });
      type(fieldLabelled('Code'), '123456');
      button('Verify').click();
      await fixture.whenStable();
      http.expectOne('/api/v1/auth/mfa/verify').flush(...problem(401, 'MFA_CHALLENGE_INVALID'));
      await vi.waitFor(() => expect(fieldLabelled('Password')).toBeDefined());
      expect(element().querySelector('[role=status]')?.textContent).toContain('That sign-in step has expired.');
    });

    it('should make an admin enrol when the programme requires it, then show the recovery codes once', async () => {
      const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
      await passwordAccepted({ mfaRequired: false, mfaEnrolmentRequired: true });
      const start = http.expectOne('/api/v1/auth/mfa/enrolment');
      expect(start.request.body).toEqual({ challengeToken: 'challenge-1' });
      start.flush({
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauthUri: 'otpauth://totp/x',
        qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
      });
      await vi.waitFor(() => expect(element().querySelector('img')).not.toBeNull());
      expect(element().querySelector('img')!.getAttribute('alt')).toBe('QR code for your authenticator app');
      expect(element().textContent).toContain('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');

      type(fieldLabelled('Code from the app'), '654321');
      button('Turn on two-step sign-in').click();
      await fixture.whenStable();
      const confirm = http.expectOne('/api/v1/auth/mfa/enrolment/confirm');
      expect(confirm.request.body).toEqual({ challengeToken: 'challenge-1', code: '654321' });
      confirm.flush({
        accessToken: 'token',
        expiresIn: 900,
        user: admin,
        recoveryCodes: ['aaaa-bbbb-cccc-dddd', 'eeee-ffff-gggg-hhhh'],
      });

      await vi.waitFor(() => expect(element().textContent).toContain('They are shown only this once.'));
      expect(element().textContent).toContain('aaaa-bbbb-cccc-dddd');
      expect(navigate).not.toHaveBeenCalled();
      button('I have saved my codes, continue').click();
      await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/admin'));
    });
  });

  it('should not send the request while a field is empty', async () => {
    await submit('', '');

    http.expectNone('/api/v1/auth/login');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Enter your email address.');
  });
});
