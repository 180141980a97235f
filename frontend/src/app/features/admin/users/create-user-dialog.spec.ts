import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { provideRouter } from '@angular/router';
import type { CreatedUserDto } from '@app/core/api/models/created-user-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, fieldLabelled, textOf, typeInto } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { CreateUserDialog } from './create-user-dialog';

/** Dialogs render in the overlay container; a host fixture gives the harnesses and stability checks a root. */
@Component({ template: '' })
class Host {}

describe(CreateUserDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;
  let dialog: HTMLElement;

  const settle = () => host.whenStable();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    host = TestBed.createComponent(Host);
    TestBed.inject(MatDialog).open(CreateUserDialog);
    await vi.waitFor(() => expect(document.querySelector('pp-create-user-dialog form')).not.toBeNull());
    dialog = document.querySelector('pp-create-user-dialog')!;
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('should create a student and show the invitation link with a copy button and the expiry', async () => {
    typeInto(fieldLabelled(dialog, 'Email'), ' grace@uni.example ');
    typeInto(fieldLabelled(dialog, 'Name'), 'Grace Hopper');
    buttonNamed(dialog, 'Create user').click();
    await settle();

    const request = http.expectOne({ method: 'POST', url: '/api/v1/admin/users' });
    expect(request.request.body).toEqual({ email: 'grace@uni.example', displayName: 'Grace Hopper', role: 'student' });
    const created: CreatedUserDto = {
      user: aUser({ email: 'grace@uni.example', displayName: 'Grace Hopper', invitationPending: true }),
      invitationUrl: 'http://127.0.0.1:3100/invitation?token=abc123',
      invitationExpiresAt: '2026-12-04T12:00:00.000Z',
    };
    request.flush(created, { status: 201, statusText: 'Created' });

    await vi.waitFor(() => expect(dialog.querySelector('pp-invitation-link')).not.toBeNull());
    expect(textOf(dialog, '[role=status]')).toContain('Grace Hopper (Student) has an account now.');
    expect(fieldLabelled(dialog, 'Invitation link').value).toBe('http://127.0.0.1:3100/invitation?token=abc123');
    expect(fieldLabelled(dialog, 'Invitation link').readOnly).toBe(true);
    expect(buttonNamed(dialog, 'Copy link').textContent).toContain('for grace@uni.example');
    expect(textOf(dialog, 'pp-invitation-link mat-hint')).toMatch(/^Works once; expires .*2026/);
    expect(dialog.querySelector('a[href*="invitation"]')).toBeNull();
  });

  it('should send a capacity for a mentor', async () => {
    typeInto(fieldLabelled(dialog, 'Email'), 'alan@uni.example');
    typeInto(fieldLabelled(dialog, 'Name'), 'Alan Turing');
    const loader = TestbedHarnessEnvironment.documentRootLoader(host);
    await (await loader.getHarness(MatSelectHarness)).clickOptions({ text: 'Mentor' });
    await settle();
    typeInto(fieldLabelled(dialog, 'Capacity (students)'), '6');
    buttonNamed(dialog, 'Create user').click();
    await settle();

    const request = http.expectOne({ method: 'POST', url: '/api/v1/admin/users' });
    expect(request.request.body).toEqual({
      email: 'alan@uni.example',
      displayName: 'Alan Turing',
      role: 'mentor',
      mentorCapacity: 6,
    });
    request.flush({
      user: aUser({ role: 'mentor' }),
      invitationUrl: 'http://x/invitation?token=t',
      invitationExpiresAt: '2026-12-04T12:00:00.000Z',
    });
    await vi.waitFor(() => expect(dialog.querySelector('pp-invitation-link')).not.toBeNull());
  });

  it('should explain a taken email and keep the form', async () => {
    typeInto(fieldLabelled(dialog, 'Email'), 'ada@uni.example');
    typeInto(fieldLabelled(dialog, 'Name'), 'Ada');
    buttonNamed(dialog, 'Create user').click();
    await settle();

    http.expectOne({ method: 'POST', url: '/api/v1/admin/users' }).flush(
      {
        status: 409,
        code: 'EMAIL_TAKEN',
        detail: 'An account with the email ada@uni.example already exists.',
        email: 'ada@uni.example',
      },
      { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
    );

    await vi.waitFor(() =>
      expect(textOf(dialog, '[role=alert]')).toBe('An account with ada@uni.example already exists.'),
    );
    expect(fieldLabelled(dialog, 'Email').value).toBe('ada@uni.example');
  });

  it('should not send the form while required fields are empty', async () => {
    buttonNamed(dialog, 'Create user').click();
    await settle();

    expect(textOf(dialog, 'mat-error')).toBe('Enter their email address.');
    http.expectNone({ method: 'POST', url: '/api/v1/admin/users' });
  });
});
