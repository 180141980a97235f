import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { authRequestPasswordReset } from '@app/core/api/fn/auth/auth-request-password-reset';
import { problemMessage } from '@app/core/errors/problem';

/** The same words whatever the address: the page must not tell who has an account. */
export const RESET_REQUESTED_MESSAGE =
  'If an account uses this address, we have sent it a link to choose a new password. The link works for 30 minutes. Check your spam folder if it does not arrive within a few minutes.';

@Component({
  selector: 'pp-forgot-password',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatButton,
  ],
  templateUrl: './forgot-password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPassword {
  private readonly api = inject(Api);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly submitting = signal(false);
  protected readonly requested = signal(false);
  protected readonly error = signal('');
  protected readonly message = RESET_REQUESTED_MESSAGE;

  protected async requestReset(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    try {
      await this.api.invoke(authRequestPasswordReset, { body: { email: this.form.getRawValue().email } });
      this.requested.set(true);
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.submitting.set(false);
    }
  }
}
