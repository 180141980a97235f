import type { UserDto } from '@app/core/api/models/user-dto';
import { configureDialogTestBed, DialogTestBed } from '@app/testing/dialogs';
import { buttonNamed, textOf } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { SendPasswordResetDialog } from './send-password-reset-dialog';

describe(SendPasswordResetDialog.name, () => {
  let bed: DialogTestBed;
  let http: DialogTestBed['http'];
  let dialog: HTMLElement;

  async function open(user: UserDto): Promise<void> {
    dialog = await bed.open(SendPasswordResetDialog, user, 'pp-send-password-reset-dialog');
  }

  beforeEach(() => {
    bed = configureDialogTestBed();
    http = bed.http;
  });

  afterEach(() => bed.close());

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
