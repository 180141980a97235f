import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore, PASSWORD_CHANGED_NOTICE } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { ResetPassword } from './reset-password';

const GOOD_PASSWORD = 'violet kettle harbour';

describe(ResetPassword.name, () => {
  let fixture: ComponentFixture<ResetPassword>;
  let http: HttpTestingController;
  let element: HTMLElement;

  async function render(token?: string): Promise<void> {
    fixture = TestBed.createComponent(ResetPassword);
    if (token) fixture.componentRef.setInput('token', token);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  async function choosePassword(password: string, confirm = password): Promise<void> {
    typeInto(fieldLabelled(element, 'New password'), password);
    typeInto(fieldLabelled(element, 'Confirm password'), confirm);
    buttonNamed(element, 'Set new password').click();
    await fixture.whenStable();
  }

  function problem(status: number, body: object) {
    return { status, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' }, body };
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('should set the new password and send the person to sign in, saying why', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await render('reset-token-1');
    await choosePassword(GOOD_PASSWORD);

    const request = http.expectOne('/api/v1/auth/password-reset/confirm');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'reset-token-1', password: GOOD_PASSWORD });
    request.flush(null, { status: 204, statusText: 'No Content' });

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/sign-in'));
    expect(TestBed.inject(AuthStore).notice()).toBe(PASSWORD_CHANGED_NOTICE);
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('should show the same password rules as the invitation page and not send a password that breaks them', async () => {
    await render('reset-token-2');
    await choosePassword('aaaaaaaaaaaaaa');

    const rules = Array.from(element.querySelectorAll('pp-password-rules li')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rules).toHaveLength(4);
    expect(rules[0]).toContain('12 to 128 characters');
    expect(textOf(element, 'mat-error')).toBe('The password does not meet the rules below yet.');
    http.expectNone('/api/v1/auth/password-reset/confirm');
  });

  it('should not send passwords that do not match', async () => {
    await render('reset-token-3');
    await choosePassword(GOOD_PASSWORD, `${GOOD_PASSWORD}!`);

    expect(textOf(element, 'mat-error')).toBe('The passwords do not match.');
    http.expectNone('/api/v1/auth/password-reset/confirm');
  });

  it('should explain a used or expired link and offer a new one, instead of the form', async () => {
    await render('used-token');
    await choosePassword(GOOD_PASSWORD);

    const { body, ...options } = problem(400, {
      status: 400,
      code: 'RESET_TOKEN_INVALID',
      detail: 'This password reset link is not valid any more.',
    });
    http.expectOne('/api/v1/auth/password-reset/confirm').flush(body, options);

    await vi.waitFor(() => expect(textOf(element, '[role=alert] h2')).toBe('This reset link no longer works'));
    expect(element.querySelector('a[href="/forgot-password"]')?.textContent).toContain('Ask for a new link');
    expect(element.querySelector('form')).toBeNull();
  });

  it('should show why the server refused the password and keep the form', async () => {
    await render('reset-token-4');
    await choosePassword('password1234');

    const { body, ...options } = problem(400, {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid.',
      errors: [{ field: 'password', message: 'password is one of the most common passwords; choose another' }],
    });
    http.expectOne('/api/v1/auth/password-reset/confirm').flush(body, options);

    await vi.waitFor(() =>
      expect(textOf(element, 'form [role=alert]')).toBe(
        'Password is one of the most common passwords; choose another.',
      ),
    );
    expect(buttonNamed(element, 'Set new password').disabled).toBe(false);
  });

  it('should say the link is incomplete when it has no token', async () => {
    await render();

    expect(textOf(element, '[role=alert]')).toContain('This reset link is incomplete.');
    expect(element.querySelector('form')).toBeNull();
  });
});
