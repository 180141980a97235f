import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { authConfirmPasswordReset } from '@app/core/api/fn/auth/auth-confirm-password-reset';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemCode, problemMessage } from '@app/core/errors/problem';
import { NewPasswordForm } from '@app/shared/ui/new-password-form';

@Component({
  selector: 'pp-reset-password',
  imports: [RouterLink, MatCard, MatCardContent, MatButton, NewPasswordForm],
  templateUrl: './reset-password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);

  /** Bound from the `token` query parameter of the e-mailed link. */
  readonly token = input<string>();

  protected readonly submitting = signal(false);
  protected readonly invalidLink = signal(false);
  protected readonly error = signal('');

  protected async resetPassword(password: string): Promise<void> {
    const token = this.token();
    if (!token) return;
    this.submitting.set(true);
    this.error.set('');
    try {
      await this.api.invoke(authConfirmPasswordReset, { body: { token, password } });
      // Every session of the account has ended, this one included: sign in with the new password.
      await this.auth.passwordChanged();
    } catch (error) {
      if (problemCode(error) === 'RESET_TOKEN_INVALID') this.invalidLink.set(true);
      else this.error.set(problemMessage(error));
      this.submitting.set(false);
    }
  }
}
