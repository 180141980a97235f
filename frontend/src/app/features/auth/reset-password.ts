import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { Api } from '../../core/api/api';
import { authConfirmPasswordReset } from '../../core/api/fn/auth/auth-confirm-password-reset';
import { AuthStore } from '../../core/auth/auth-store';
import { problemCode, problemMessage } from '../../core/errors/problem';
import { PasswordRules, passwordPolicyValidator } from '../../shared/ui/password-rules';

function matchesPassword(control: AbstractControl<string>): ValidationErrors | null {
  const password = control.parent?.get('password')?.value;
  return control.value === password ? null : { mismatch: true };
}

@Component({
  selector: 'pp-reset-password',
  imports: [ReactiveFormsModule, RouterLink, MatCard, MatCardContent, MatFormField, MatLabel, MatError, MatInput, MatButton, PasswordRules],
  templateUrl: './reset-password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPassword {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);

  /** Bound from the `token` query parameter of the e-mailed link. */
  readonly token = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, passwordPolicyValidator()]],
    confirm: ['', [Validators.required, matchesPassword]],
  });
  protected readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  protected readonly submitting = signal(false);
  protected readonly invalidLink = signal(false);
  protected readonly error = signal('');

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  protected async resetPassword(): Promise<void> {
    const token = this.token();
    if (!token) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    try {
      await this.api.invoke(authConfirmPasswordReset, { body: { token, password: this.form.getRawValue().password } });
      // Every session of the account has ended, this one included: sign in with the new password.
      await this.auth.passwordChanged();
    } catch (error) {
      if (problemCode(error) === 'RESET_TOKEN_INVALID') this.invalidLink.set(true);
      else this.error.set(problemMessage(error));
      this.submitting.set(false);
    }
  }
}
