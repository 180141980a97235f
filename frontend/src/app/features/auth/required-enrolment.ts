import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import type { MfaEnrolmentDto } from '@app/core/api/models/mfa-enrolment-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import type { SessionUser } from '@app/core/auth/session';
import { problemMessage } from '@app/core/errors/problem';
import { Loading } from '@app/shared/ui/loading';
import { MfaSetup } from '@app/shared/ui/mfa-setup';
import { RecoveryCodes } from '@app/shared/ui/recovery-codes';

/** The programme requires two-step sign-in for admins: this admin sets it up before getting in. */
@Component({
  selector: 'pp-required-enrolment',
  imports: [MatButton, Loading, MfaSetup, RecoveryCodes],
  template: `
    <h2>Set up two-step sign-in</h2>
    @if (signedInAs(); as user) {
      <p>Two-step sign-in is on.</p>
      <pp-recovery-codes [codes]="recoveryCodes()" [account]="user.email" />
      <div class="actions">
        <button mat-flat-button type="button" (click)="signedIn.emit(user)">I have saved my codes, continue</button>
      </div>
    } @else if (enrolment(); as setup) {
      <p>
        Your programme requires admins to confirm each sign-in with a code from an authenticator app. Set it up now to
        continue.
      </p>
      <pp-mfa-setup [enrolment]="setup" [busy]="busy()" [error]="error()" (confirm)="confirmEnrolment($event)" />
    } @else if (error()) {
      <p class="form-message form-message--error" role="alert">{{ error() }}</p>
    } @else {
      <pp-loading label="Preparing your QR code…" />
    }
    <div class="actions">
      @if (!signedInAs()) {
        <button mat-button type="button" (click)="startAgain()">Start again</button>
      }
    </div>
  `,
  styles: `
    h2 {
      margin: 0 0 0.5rem;
    }

    .actions {
      display: flex;
      gap: 0.5rem;
      margin-top: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequiredEnrolment {
  private readonly auth = inject(AuthStore);

  readonly signedIn = output<SessionUser>();

  protected readonly enrolment = signal<MfaEnrolmentDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly signedInAs = signal<SessionUser | null>(null);

  constructor() {
    void this.start();
  }

  protected async confirmEnrolment(code: string): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      const { user, recoveryCodes } = await this.auth.confirmRequiredEnrolment(code);
      this.recoveryCodes.set(recoveryCodes);
      this.signedInAs.set(user);
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected startAgain(): void {
    this.auth.cancelChallenge();
  }

  private async start(): Promise<void> {
    try {
      this.enrolment.set(await this.auth.startRequiredEnrolment());
    } catch (error) {
      this.error.set(problemMessage(error));
    }
  }
}
