import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MfaStatusDto } from '@app/core/api/models/mfa-status-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser, signInAs } from '@app/testing/users';
import { TwoStepSignIn } from './two-step-sign-in';

const OFF: MfaStatusDto = { enabled: false, enabledAt: null, recoveryCodesLeft: 0, requiredForAdmins: false };
const ON: MfaStatusDto = {
  enabled: true,
  enabledAt: '2026-11-02T10:00:00.000Z',
  recoveryCodesLeft: 10,
  requiredForAdmins: false,
};
const CODES = ['aaaa-bbbb-cccc-dddd', 'eeee-ffff-gggg-hhhh'];

describe(TwoStepSignIn.name, () => {
  let fixture: ComponentFixture<TwoStepSignIn>;
  let http: HttpTestingController;
  let element: HTMLElement;

  async function render(status: MfaStatusDto): Promise<void> {
    fixture = TestBed.createComponent(TwoStepSignIn);
    element = fixture.nativeElement;
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/v1/me/mfa' }).flush(status);
    await vi.waitFor(() => expect(element.querySelector('pp-loading')).toBeNull());
    await fixture.whenStable();
  }

  function problem(status: number, code: string) {
    return [
      { type: 'about:blank', title: 'Bad Request', status, detail: 'No', code },
      { status, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    ] as const;
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
    await signInAs(TestBed.inject(AuthStore), http, aUser({ role: 'admin', email: 'grace@uni.example' }));
  });

  afterEach(() => http.verify());

  it('should set up two-step sign-in: QR code and key, a code, then the recovery codes shown once', async () => {
    await render(OFF);
    expect(element.textContent).toContain('Off.');
    buttonNamed(element, 'Set up two-step sign-in').click();
    await fixture.whenStable();
    http.expectOne({ method: 'POST', url: '/api/v1/me/mfa/enrolment' }).flush({
      secret: 'JBSWY3DPEHPK3PXP',
      otpauthUri: 'otpauth://totp/x',
      qrCodeDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+',
    });
    await vi.waitFor(() =>
      expect(element.querySelector('img')?.getAttribute('src')).toBe('data:image/svg+xml;base64,PHN2Zy8+'),
    );
    expect(element.textContent).toContain('JBSW Y3DP EHPK 3PXP');

    typeInto(fieldLabelled(element, 'Code from the app'), '12345');
    buttonNamed(element, 'Turn on two-step sign-in').click();
    await fixture.whenStable();
    http.expectNone('/api/v1/me/mfa/enrolment/confirm');
    expect(element.textContent).toContain('Enter the 6-digit code from the app.');

    typeInto(fieldLabelled(element, 'Code from the app'), '123456');
    buttonNamed(element, 'Turn on two-step sign-in').click();
    await fixture.whenStable();
    const wrong = http.expectOne('/api/v1/me/mfa/enrolment/confirm');
    expect(wrong.request.body).toEqual({ code: '123456' });
    wrong.flush(...problem(400, 'MFA_CODE_INVALID'));
    await vi.waitFor(() => expect(element.textContent).toContain('That code is not right'));

    buttonNamed(element, 'Turn on two-step sign-in').click();
    await fixture.whenStable();
    http.expectOne('/api/v1/me/mfa/enrolment/confirm').flush({ recoveryCodes: CODES });
    await vi.waitFor(() => expect(element.textContent).toContain('They are shown only this once.'));
    http.expectOne({ method: 'GET', url: '/api/v1/me/mfa' }).flush({ ...ON, enabledAt: new Date().toISOString() });
    await fixture.whenStable();
    expect(element.textContent).toContain('aaaa-bbbb-cccc-dddd');
    expect(textOf(element, '[role=status]')).toContain('Two-step sign-in is on.');

    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    buttonNamed(element, 'Copy codes').click();
    await vi.waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(expect.stringContaining('aaaa-bbbb-cccc-dddd\neeee-ffff-gggg-hhhh')),
    );
    expect(writeText.mock.calls[0][0]).toContain('grace@uni.example');

    buttonNamed(element, 'I have saved my codes').click();
    await fixture.whenStable();
    expect(element.textContent).not.toContain('aaaa-bbbb-cccc-dddd');
    expect(element.textContent).toContain('You have 10 unused recovery codes.');
  });

  it('should make new recovery codes with a code from the app', async () => {
    await render(ON);
    typeInto(fieldLabelled(element, 'Code from the app'), '654321');
    buttonNamed(element, 'Make new recovery codes').click();
    await fixture.whenStable();
    const request = http.expectOne('/api/v1/me/mfa/recovery-codes');
    expect(request.request.body).toEqual({ code: '654321' });
    request.flush({ recoveryCodes: CODES });
    await vi.waitFor(() => expect(element.textContent).toContain('eeee-ffff-gggg-hhhh'));
    http.expectOne({ method: 'GET', url: '/api/v1/me/mfa' }).flush(ON);
    expect(element.textContent).toContain('the earlier ones no longer work');
  });

  it('should turn it off with the password, and need a code or the password', async () => {
    await render({ ...ON, requiredForAdmins: true });
    expect(element.textContent).toContain('you must set it up again before you can sign in next time');
    buttonNamed(element, 'Turn off').click();
    await fixture.whenStable();
    http.expectNone('/api/v1/me/mfa/disable');
    expect(textOf(element, '[role=alert]')).toBe('Enter a code from your app, a recovery code, or your password.');

    typeInto(fieldLabelled(element, 'Or your password'), 'my long password');
    buttonNamed(element, 'Turn off').click();
    await fixture.whenStable();
    const request = http.expectOne('/api/v1/me/mfa/disable');
    expect(request.request.body).toEqual({ password: 'my long password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await vi.waitFor(() => expect(textOf(element, '[role=status]')).toBe('Two-step sign-in is off.'));
    http.expectOne({ method: 'GET', url: '/api/v1/me/mfa' }).flush({ ...OFF, requiredForAdmins: true });
    await vi.waitFor(() =>
      expect(element.textContent).toContain('Your programme requires two-step sign-in for admins.'),
    );
    buttonNamed(element, 'Set up two-step sign-in');
  });
});
