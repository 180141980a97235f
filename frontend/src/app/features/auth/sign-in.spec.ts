import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { authInterceptor } from '../../core/auth/auth.interceptor';
import { AuthStore } from '../../core/auth/auth-store';
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
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
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
    expect((fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(false);
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

  it('should not send the request while a field is empty', async () => {
    await submit('', '');

    http.expectNone('/api/v1/auth/login');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Enter your email address.');
  });
});
