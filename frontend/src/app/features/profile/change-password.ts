import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { meChangePassword } from '@app/core/api/fn/me/me-change-password';
import { AuthStore } from '@app/core/auth/auth-store';
import { fieldMessages, problemCode, problemMessage } from '@app/core/errors/problem';
import { PasswordRules, passwordPolicyValidator } from '@app/shared/ui/password-rules';

function matchesNewPassword(control: AbstractControl<string>): ValidationErrors | null {
  return control.value === control.parent?.get('newPassword')?.value ? null : { mismatch: true };
}

@Component({
  selector: 'pp-change-password',
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatError,
    MatInput,
    MatButton,
    PasswordRules,
  ],
  templateUrl: './change-password.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePassword {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);

  protected readonly email = computed(() => this.auth.user()?.email ?? null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, passwordPolicyValidator(() => this.email())]],
    confirm: ['', [Validators.required, matchesNewPassword]],
  });
  protected readonly newPassword = toSignal(this.form.controls.newPassword.valueChanges, { initialValue: '' });
  protected readonly changing = signal(false);
  protected readonly error = signal('');

  constructor() {
    this.form.controls.newPassword.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  protected async changePassword(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.changing.set(true);
    this.error.set('');
    try {
      await this.api.invoke(meChangePassword, { body: { currentPassword, newPassword } });
    } catch (error) {
      this.changing.set(false);
      if (problemCode(error) === 'VALIDATION_FAILED' && fieldMessages(error)['currentPassword']) {
        this.form.controls.currentPassword.setErrors({ incorrect: true });
        this.form.controls.currentPassword.markAsTouched();
        this.error.set('The current password is not right.');
      } else {
        this.error.set(problemMessage(error));
      }
      return;
    }
    // The server has ended every session of the account, this one included.
    await this.auth.passwordChanged();
  }
}
