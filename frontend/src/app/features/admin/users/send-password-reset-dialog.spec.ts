import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import type { UserDto } from '@app/core/api/models/user-dto';
import { authInterceptor } from '@app/core/auth/auth.interceptor';
import { buttonNamed, textOf } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { SendPasswordResetDialog } from './send-password-reset-dialog';

@Component({ template: '' })
class Host {}

describe(SendPasswordResetDialog.name, () => {
  let http: HttpTestingController;
  let host: ComponentFixture<Host>;
  let dialog: HTMLElement;

  async function open(user: UserDto): Promise<void> {
    TestBed.inject(MatDialog).open(SendPasswordResetDialog, { data: user });
    await vi.waitFor(() => expect(document.querySelector('pp-send-password-reset-dialog button')).not.toBeNull());
    dialog = document.querySelector('pp-send-password-reset-dialog')!;
    await host.whenStable();
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
    host = TestBed.createComponent(Host);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('should send the reset e-mail only when asked, and say where it went without showing a link', async () => {
    const user = aUser({ displayName: 'Kasia Nowak', email: 'kasia@uni.example' });
    await open(user);
    expect(textOf(dialog, 'mat-dialog-content p')).toContain('PeerPals e-mails a link to kasia@uni.example');
    expect(textOf(dialog, 'mat-dialog-content p')).toContain('You will not see the link.');
    http.expectNone({ method: 'POST', url: `/api/v1/admin/users/${user.id}/password-reset` });

    buttonNamed(dialog, 'Send reset e-mail').click();
    http
      .expectOne({ method: 'POST', url: `/api/v1/admin/users/${user.id}/password-reset` })
      .flush(
        { sentTo: 'kasia@uni.example', expiresAt: '2026-12-04T12:30:00.000Z' },
        { status: 202, statusText: 'Accepted' },
      );

    await vi.waitFor(() =>
      expect(textOf(dialog, '[role=status]')).toContain('A reset link is on its way to kasia@uni.example.'),
    );
    expect(dialog.querySelector('input')).toBeNull();
    expect(buttonNamed(dialog, 'Done')).toBeTruthy();
  });

  it('should show why the server refused, for example when it cannot send e-mail', async () => {
    const user = aUser({ displayName: 'Kasia Nowak' });
    await open(user);

    buttonNamed(dialog, 'Send reset e-mail').click();
    http
      .expectOne({ method: 'POST', url: `/api/v1/admin/users/${user.id}/password-reset` })
      .flush(
        { status: 409, code: 'MAIL_NOT_CONFIGURED', detail: 'This server cannot send e-mail.' },
        { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
      );

    await vi.waitFor(() => expect(textOf(dialog, '[role=alert]')).toContain('This server cannot send e-mail yet'));
    expect(buttonNamed(dialog, 'Send reset e-mail').disabled).toBe(false);
  });
});
