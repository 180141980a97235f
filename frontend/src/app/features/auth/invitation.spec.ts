import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { AuthStore } from '@app/core/auth/auth-store';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { Invitation } from './invitation';

const GOOD_PASSWORD = 'violet kettle harbour';

describe(Invitation.name, () => {
  let fixture: ComponentFixture<Invitation>;
  let http: HttpTestingController;
  let element: HTMLElement;

  async function render(token?: string): Promise<void> {
    fixture = TestBed.createComponent(Invitation);
    if (token) fixture.componentRef.setInput('token', token);
    element = fixture.nativeElement;
    await fixture.whenStable();
  }

  async function choosePassword(password: string, confirm = password): Promise<void> {
    typeInto(fieldLabelled(element, 'New password'), password);
    typeInto(fieldLabelled(element, 'Confirm password'), confirm);
    buttonNamed(element, 'Set password and sign in').click();
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

  it('should store the session and go to the dashboard of the new role', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await render('invite-token-1');
    await choosePassword(GOOD_PASSWORD);

    const request = http.expectOne('/api/v1/auth/invitations/accept');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'invite-token-1', password: GOOD_PASSWORD });
    const student = aUser({ displayName: 'Grace Kim', role: 'student' });
    request.flush({ accessToken: 'fresh-token', expiresIn: 900, user: student });

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/student'));
    const store = TestBed.inject(AuthStore);
    expect(store.user()).toEqual(student);
    expect(store.accessToken()).toBe('fresh-token');
  });

  it('should continue on the sign-in page when an admin must set up two-step sign-in first', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await render('invite-token-2');
    await choosePassword(GOOD_PASSWORD);

    const challenge = { mfaRequired: false, mfaEnrolmentRequired: true, challengeToken: 'challenge-1', expiresIn: 300 };
    http.expectOne('/api/v1/auth/invitations/accept').flush(challenge);

    await vi.waitFor(() => expect(navigate).toHaveBeenCalledWith('/sign-in'));
    expect(TestBed.inject(AuthStore).pendingChallenge()).toEqual(challenge);
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('should explain a used or expired link and what to do, instead of the form', async () => {
    await render('used-token');
    await choosePassword(GOOD_PASSWORD);

    const { body, ...options } = problem(400, {
      status: 400,
      code: 'INVITATION_INVALID',
      detail: 'This invitation link is not valid any more (used, replaced or expired).',
    });
    http.expectOne('/api/v1/auth/invitations/accept').flush(body, options);

    await vi.waitFor(() => expect(textOf(element, '[role=alert] h2')).toBe('This invitation link no longer works'));
    expect(textOf(element, '[role=alert]')).toContain('Ask your programme coordinator to send you a new invitation.');
    expect(element.querySelector('a[href="/sign-in"]')?.textContent).toContain('Go to sign in');
    expect(element.querySelector('form')).toBeNull();
    expect(TestBed.inject(AuthStore).isSignedIn()).toBe(false);
  });

  it('should show why the server refused the password and keep the form', async () => {
    await render('invite-token-2');
    await choosePassword('password1234');

    const { body, ...options } = problem(400, {
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: 'The request is not valid.',
      errors: [{ field: 'password', message: 'password is one of the most common passwords; choose another' }],
    });
    http.expectOne('/api/v1/auth/invitations/accept').flush(body, options);

    await vi.waitFor(() =>
      expect(textOf(element, 'form [role=alert]')).toBe(
        'Password is one of the most common passwords; choose another.',
      ),
    );
    expect(buttonNamed(element, 'Set password and sign in').disabled).toBe(false);
  });

  it('should tick off the rules as the password is typed and not send a password that breaks them', async () => {
    await render('invite-token-3');
    // What a screen reader announces for each rule; the visible tick is aria-hidden.
    const rules = () =>
      Array.from(element.querySelectorAll('pp-password-rules li')).map((li) =>
        Array.from(li.querySelectorAll('span:not([aria-hidden])'))
          .map((span) => span.textContent)
          .join(''),
      );

    typeInto(fieldLabelled(element, 'New password'), 'aaaa');
    await fixture.whenStable();
    expect(rules()).toEqual([
      '12 to 128 characters (not yet)',
      'Not one character repeated (not yet)',
      'Does not contain the part of your email address before the @ (checked when you save)',
      'Not a commonly used password — PeerPals checks this when you save (checked when you save)',
    ]);

    await choosePassword('aaaaaaaaaaaaaa');
    expect(rules()[0]).toBe('12 to 128 characters (done)');
    expect(rules()[1]).toBe('Not one character repeated (not yet)');
    expect(textOf(element, 'mat-error')).toBe('The password does not meet the rules below yet.');
    http.expectNone('/api/v1/auth/invitations/accept');
  });

  it('should not send passwords that do not match', async () => {
    await render('invite-token-4');
    await choosePassword(GOOD_PASSWORD, `${GOOD_PASSWORD}!`);

    expect(textOf(element, 'mat-error')).toBe('The passwords do not match.');
    http.expectNone('/api/v1/auth/invitations/accept');
  });

  it('should say the link is incomplete when it has no token', async () => {
    await render();

    expect(textOf(element, '[role=alert]')).toContain('This invitation link is incomplete.');
    expect(element.querySelector('form')).toBeNull();
  });
});
