import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemCode, problemMessage } from '@app/core/errors/problem';
import { NewPasswordForm } from '@app/shared/ui/new-password-form';

@Component({
  selector: 'pp-invitation',
  imports: [RouterLink, MatCard, MatCardContent, MatButton, NewPasswordForm],
  templateUrl: './invitation.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Invitation {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Bound from the `token` query parameter of the invitation link. */
  readonly token = input<string>();

  protected readonly submitting = signal(false);
  protected readonly invalidLink = signal(false);
  protected readonly error = signal('');

  protected async acceptInvitation(password: string): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.submitting.set(true);
    this.error.set('');
    try {
      const user = await this.auth.acceptInvitation(token, password);
      // Null: the account needs a second step, which the sign-in page shows.
      await this.router.navigateByUrl(user ? `/${user.role}` : '/sign-in');
    } catch (error) {
      if (problemCode(error) === 'INVITATION_INVALID') this.invalidLink.set(true);
      else this.error.set(problemMessage(error));
      this.submitting.set(false);
    }
  }
}
