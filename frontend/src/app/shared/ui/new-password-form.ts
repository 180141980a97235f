import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { PasswordRules, passwordPolicyValidator } from './password-rules';

function matchesPassword(control: AbstractControl<string>): ValidationErrors | null {
  const password = control.parent?.get('password')?.value;
  return control.value === password ? null : { mismatch: true };
}

/** Choosing a password from a one-time link (invitation or reset): the policy shown live, typed twice. */
@Component({
  selector: 'pp-new-password-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatInput, MatButton, PasswordRules],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>New password</mat-label>
        <input
          matInput
          type="password"
          formControlName="password"
          autocomplete="new-password"
          required
          aria-describedby="password-rules"
        />
        @if (form.controls.password.hasError('required')) {
          <mat-error>Enter a password.</mat-error>
        } @else {
          <mat-error>The password does not meet the rules below yet.</mat-error>
        }
      </mat-form-field>
      <div id="password-rules">
        <p class="sr-only">Password rules:</p>
        <pp-password-rules [password]="password()" />
      </div>

      <mat-form-field appearance="outline">
        <mat-label>Confirm password</mat-label>
        <input matInput type="password" formControlName="confirm" autocomplete="new-password" required />
        @if (form.controls.confirm.hasError('required')) {
          <mat-error>Enter the password again.</mat-error>
        } @else {
          <mat-error>The passwords do not match.</mat-error>
        }
      </mat-form-field>

      <p class="form-message form-message--error" role="alert">{{ error() }}</p>

      <button mat-flat-button type="submit" [disabled]="submitting()">
        {{ submitting() ? 'Saving…' : submitLabel() }}
      </button>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewPasswordForm {
  readonly submitLabel = input.required<string>();
  readonly submitting = input(false);
  readonly error = input('');
  /** The chosen password, once it meets the policy and both entries match. */
  readonly chosen = output<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, passwordPolicyValidator()]],
    confirm: ['', [Validators.required, matchesPassword]],
  });
  protected readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.chosen.emit(this.form.getRawValue().password);
  }
}
