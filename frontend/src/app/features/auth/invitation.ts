import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { AUTH_API } from '../../core/auth/auth-store';
import { problemMessage } from '../../core/errors/problem';

// The server's password policy (backend/src/modules/users/password-policy.ts) has the final say.
const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;

function matchesPassword(control: AbstractControl<string>): ValidationErrors | null {
  const password = control.parent?.get('password')?.value;
  return control.value === password ? null : { mismatch: true };
}

@Component({
  selector: 'pp-invitation',
  imports: [ReactiveFormsModule, RouterLink, MatCard, MatCardContent, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  templateUrl: './invitation.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Invitation {
  private readonly http = inject(HttpClient);

  /** Bound from the `token` query parameter of the invitation link. */
  readonly token = input<string>();

  protected readonly minLength = MIN_PASSWORD_LENGTH;
  protected readonly maxLength = MAX_PASSWORD_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH), Validators.maxLength(MAX_PASSWORD_LENGTH)]],
    confirm: ['', [Validators.required, matchesPassword]],
  });
  protected readonly submitting = signal(false);
  protected readonly accepted = signal(false);
  protected readonly error = signal('');

  constructor() {
    this.form.controls.password.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.confirm.updateValueAndValidity({ emitEvent: false }));
  }

  protected acceptInvitation(): void {
    const token = this.token();
    if (!token || this.form.invalid) return;
    this.submitting.set(true);
    this.error.set('');
    this.http.post(`${AUTH_API}invitations/accept`, { token, password: this.form.getRawValue().password }).subscribe({
      next: () => this.accepted.set(true),
      error: (error: unknown) => {
        this.error.set(problemMessage(error));
        this.submitting.set(false);
      },
    });
  }
}
