import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { ForgotPassword, RESET_REQUESTED_MESSAGE } from './forgot-password';

describe(ForgotPassword.name, () => {
  let fixture: ComponentFixture<ForgotPassword>;
  let http: HttpTestingController;
  let element: HTMLElement;

  async function ask(email: string): Promise<void> {
    typeInto(fieldLabelled(element, 'Email'), email);
    buttonNamed(element, 'Send reset link').click();
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
    fixture = TestBed.createComponent(ForgotPassword);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('should send the address and then say the same thing whether or not it has an account', async () => {
    await ask('ada@uni.example');
    const request = http.expectOne('/api/v1/auth/password-reset');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ada@uni.example' });
    // The page shows its own words, not the server's, so nothing can differ between addresses.
    request.flush({ message: 'anything the server says' }, { status: 202, statusText: 'Accepted' });

    await vi.waitFor(() => expect(textOf(element, '[role=status]')).toBe(RESET_REQUESTED_MESSAGE));
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelector('a[href="/sign-in"]')?.textContent).toContain('Back to sign in');
  });

  it('should not send an address that is not one', async () => {
    await ask('not-an-address');
    expect(textOf(element, 'mat-error')).toBe('Enter an email address like name@university.ac.uk.');
    http.expectNone('/api/v1/auth/password-reset');
  });

  it('should say when there were too many requests and keep the form', async () => {
    await ask('ada@uni.example');
    http
      .expectOne('/api/v1/auth/password-reset')
      .flush(
        { status: 429, code: 'RATE_LIMITED' },
        { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/problem+json' } },
      );

    await vi.waitFor(() =>
      expect(textOf(element, 'form [role=alert]')).toBe('Too many attempts. Please wait a minute and try again.'),
    );
    expect(buttonNamed(element, 'Send reset link').disabled).toBe(false);
  });
});
