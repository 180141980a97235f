import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '@app/core/auth/auth-store';
import type { SessionUser } from '@app/core/auth/session';
import { problemMessage } from '@app/core/errors/problem';
import { MfaCodeStep } from './mfa-code-step';
import { RequiredEnrolment } from './required-enrolment';

@Component({
  selector: 'pp-sign-in',
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
    MfaCodeStep,
    RequiredEnrolment,
  ],
  templateUrl: './sign-in.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Bound from the `returnUrl` query parameter. */
  readonly returnUrl = input<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly notice = this.auth.notice;
  protected readonly submitting = signal(false);
  protected readonly error = signal('');
  /** Password first; then, for accounts with two-step sign-in, a code or (when required) enrolment. */
  protected readonly step = computed(() => {
    const challenge = this.auth.pendingChallenge();
    if (!challenge) return 'password';
    return challenge.mfaEnrolmentRequired ? 'enrol' : 'code';
  });

  protected async signIn(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    this.error.set('');
    try {
      const user = await this.auth.signIn(email, password);
      if (user) {
        await this.goHome(user);
      } else {
        this.form.controls.password.reset('');
        this.submitting.set(false);
      }
    } catch (error) {
      this.error.set(problemMessage(error));
      this.submitting.set(false);
    }
  }

  protected async goHome(user: SessionUser): Promise<void> {
    await this.router.navigateByUrl(this.safeReturnUrl() ?? `/${user.role}`);
    this.auth.finishChallenge();
  }

  // Only same-site paths, so a crafted link cannot send the user elsewhere after signing in.
  private safeReturnUrl(): string | null {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\') ? url : null;
  }
}
