import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { MfaEnrolmentDto } from '@app/core/api/models/mfa-enrolment-dto';

/** Setting up an authenticator app: the QR code, the key for typing in, and the first code. */
@Component({
  selector: 'pp-mfa-setup',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatButton],
  template: `
    <ol class="steps">
      <li>
        <p>
          Scan this QR code with an authenticator app (for example Microsoft Authenticator, Google Authenticator or
          1Password).
        </p>
        <img [src]="enrolment().qrCodeDataUrl" width="200" height="200" alt="QR code for your authenticator app" />
      </li>
      <li>
        <p>Cannot scan it? Enter this key in the app instead (time-based, 6 digits):</p>
        <p>
          <code class="secret" aria-label="Key for entering by hand">{{ groupedSecret() }}</code>
        </p>
      </li>
      <li>
        <form class="form" [formGroup]="form" (ngSubmit)="confirmCode()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Code from the app</mat-label>
            <input
              matInput
              formControlName="code"
              inputmode="numeric"
              autocomplete="one-time-code"
              maxlength="6"
              required
            />
            <mat-hint>The 6 digits the app shows for PeerPals now.</mat-hint>
            <mat-error>Enter the 6-digit code from the app.</mat-error>
          </mat-form-field>
          <p class="form-message form-message--error" role="alert">{{ error() }}</p>
          <div>
            <button mat-flat-button type="submit" [disabled]="busy()">
              {{ busy() ? 'Checking…' : 'Turn on two-step sign-in' }}
            </button>
          </div>
        </form>
      </li>
    </ol>
  `,
  styles: `
    .steps {
      display: grid;
      gap: 1rem;
      margin: 0;
      padding-left: 1.25rem;
    }

    p {
      margin: 0 0 0.5rem;
    }

    img {
      display: block;
      background: #fff;
    }

    .secret {
      font-size: 1.05rem;
      letter-spacing: 0.05em;
      word-break: break-all;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaSetup {
  readonly enrolment = input.required<MfaEnrolmentDto>();
  readonly busy = input(false);
  readonly error = input('');
  readonly confirm = output<string>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
  });
  protected readonly groupedSecret = computed(
    () =>
      this.enrolment()
        .secret.match(/.{1,4}/g)
        ?.join(' ') ?? '',
  );

  protected confirmCode(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.confirm.emit(this.form.getRawValue().code.trim());
  }
}
