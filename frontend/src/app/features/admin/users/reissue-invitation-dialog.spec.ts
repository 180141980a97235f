import type { UserDto } from '@app/core/api/models/user-dto';
import { configureDialogTestBed, DialogTestBed } from '@app/testing/dialogs';
import { buttonNamed, fieldLabelled, textOf } from '@app/testing/dom';
import { aUser } from '@app/testing/users';
import { ReissueInvitationDialog } from './reissue-invitation-dialog';

describe(ReissueInvitationDialog.name, () => {
  let bed: DialogTestBed;
  let http: DialogTestBed['http'];
  let dialog: HTMLElement;

  async function open(user: UserDto): Promise<void> {
    dialog = await bed.open(ReissueInvitationDialog, user, 'pp-reissue-invitation-dialog');
  }

  beforeEach(() => {
    bed = configureDialogTestBed();
    http = bed.http;
  });

  afterEach(() => bed.close());

  it('should issue a new link only when asked, then show it to copy', async () => {
    const user = aUser({ displayName: 'Hiro Tanaka', email: 'hiro@uni.example', invitationPending: true });
    await open(user);
    expect(textOf(dialog, 'mat-dialog-content p')).toContain('has not chosen a password yet');
    http.expectNone({ method: 'POST', url: `/api/v1/admin/users/${user.id}/invitation` });

    buttonNamed(dialog, 'Issue new link').click();
    http
      .expectOne({ method: 'POST', url: `/api/v1/admin/users/${user.id}/invitation` })
      .flush(
        { invitationUrl: 'http://x/invitation?token=new', invitationExpiresAt: '2026-12-04T12:00:00.000Z' },
        { status: 201, statusText: 'Created' },
      );

    await vi.waitFor(() =>
      expect(fieldLabelled(dialog, 'Invitation link').value).toBe('http://x/invitation?token=new'),
    );
    expect(textOf(dialog, '[role=status]')).toBe(
      'A new link is ready. Earlier links for hiro@uni.example no longer work.',
    );
  });

  it('should show the refusal when the person has chosen a password meanwhile, and no link', async () => {
    const user = aUser({ displayName: 'Kasia Nowak', invitationPending: true });
    await open(user);

    buttonNamed(dialog, 'Issue new link').click();
    http
      .expectOne({ method: 'POST', url: `/api/v1/admin/users/${user.id}/invitation` })
      .flush(
        { status: 409, code: 'INVITATION_NOT_ALLOWED', detail: 'This person has already set a password.' },
        { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } },
      );

    await vi.waitFor(() =>
      expect(textOf(dialog, '[role=alert]')).toBe(
        'This person has already chosen a password, so no new invitation can be issued. Send them a password reset instead.',
      ),
    );
    expect(dialog.querySelector('pp-invitation-link')).toBeNull();
  });
});
