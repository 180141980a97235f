import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { AuthStore } from '@app/core/auth/auth-store';
import type { SessionUser } from '@app/core/auth/session';
import { problemMessage } from '@app/core/errors/problem';

/** The second sign-in step: a code from the authenticator app, or a recovery code. */
@Component({
  selector: 'pp-mfa-code-step',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  template: `
    <h2>Two-step sign-in</h2>
    <p>Enter the 6-digit code your authenticator app shows for PeerPals.</p>
    <form class="form" [formGroup]="form" (ngSubmit)="verifyCode()" novalidate>
      <mat-form-field appearance="outline">
        <mat-label>Code</mat-label>
        <input
          matInput
          formControlName="code"
          autocomplete="one-time-code"
          autocapitalize="off"
          spellcheck="false"
          maxlength="32"
          required
        />
        <mat-hint>Lost your phone? Enter one of your recovery codes instead; each works once.</mat-hint>
        <mat-error>Enter the code from your app or a recovery code.</mat-error>
      </mat-form-field>
      <p class="form-message form-message--error" role="alert">{{ error() }}</p>
      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="submitting()">
          {{ submitting() ? 'Checking…' : 'Verify' }}
        </button>
        <button mat-button type="button" (click)="startAgain()">Start again</button>
      </div>
    </form>
  `,
  styles: `
    h2 {
      margin: 0 0 0.5rem;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaCodeStep {
  private readonly auth = inject(AuthStore);

  readonly signedIn = output<SessionUser>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.minLength(6)]],
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal('');

  protected async verifyCode(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set('');
    try {
      this.signedIn.emit(await this.auth.verifyCode(this.form.getRawValue().code.trim()));
    } catch (error) {
      this.error.set(problemMessage(error));
      this.form.controls.code.reset('');
      this.submitting.set(false);
    }
  }

  protected startAgain(): void {
    this.auth.cancelChallenge();
  }
}
