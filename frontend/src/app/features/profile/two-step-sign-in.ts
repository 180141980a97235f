import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { mfaConfirmEnrolment } from '@app/core/api/fn/me/mfa-confirm-enrolment';
import { mfaDisable } from '@app/core/api/fn/me/mfa-disable';
import { mfaRegenerateRecoveryCodes } from '@app/core/api/fn/me/mfa-regenerate-recovery-codes';
import { mfaStartEnrolment } from '@app/core/api/fn/me/mfa-start-enrolment';
import { mfaStatus } from '@app/core/api/fn/me/mfa-status';
import type { MfaEnrolmentDto } from '@app/core/api/models/mfa-enrolment-dto';
import type { MfaStatusDto } from '@app/core/api/models/mfa-status-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { formatLongDate } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { MfaSetup } from '@app/shared/ui/mfa-setup';
import { RecoveryCodes } from '@app/shared/ui/recovery-codes';

function codeOrPassword(group: AbstractControl): ValidationErrors | null {
  const { code, password } = group.value as { code: string; password: string };
  return code.trim() || password ? null : { codeOrPassword: true };
}

/** An admin's two-step sign-in (TOTP): set up, new recovery codes, turn off. */
@Component({
  selector: 'pp-two-step-sign-in',
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
    Loading,
    LoadError,
    MfaSetup,
    RecoveryCodes,
  ],
  templateUrl: './two-step-sign-in.html',
  styleUrl: './two-step-sign-in.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TwoStepSignIn {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly timeZone = injectViewerTimeZone();

  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal('');
  protected readonly status = signal<MfaStatusDto | null>(null);
  protected readonly enrolment = signal<MfaEnrolmentDto | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly message = signal('');
  protected readonly email = computed(() => this.auth.user()?.email ?? '');
  protected readonly enabledSince = computed(() => {
    const at = this.status()?.enabledAt;
    return at ? formatLongDate(at, this.timeZone()) : '';
  });

  protected readonly regenerateForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
  });
  protected readonly disableForm = this.fb.group({ code: [''], password: [''] }, { validators: codeOrPassword });

  constructor() {
    void this.load();
  }

  /** A refresh after a change keeps what is on screen (e.g. the new recovery codes) while it loads. */
  protected async load(refresh = false): Promise<void> {
    if (!refresh) this.state.set('loading');
    try {
      this.status.set(await this.api.invoke(mfaStatus));
      this.state.set('ready');
    } catch (error) {
      this.loadError.set(problemMessage(error));
      this.state.set('error');
    }
  }

  protected async startEnrolment(): Promise<void> {
    await this.run(async () => this.enrolment.set(await this.api.invoke(mfaStartEnrolment)));
  }

  protected async confirmEnrolment(code: string): Promise<void> {
    await this.run(async () => {
      const { recoveryCodes } = await this.api.invoke(mfaConfirmEnrolment, { body: { code } });
      this.enrolment.set(null);
      this.recoveryCodes.set(recoveryCodes);
      this.message.set('Two-step sign-in is on. From now on you enter a code from the app after your password.');
      await this.load(true);
    });
  }

  protected cancelEnrolment(): void {
    this.enrolment.set(null);
    this.error.set('');
  }

  protected async regenerateCodes(): Promise<void> {
    if (this.regenerateForm.invalid) {
      this.regenerateForm.markAllAsTouched();
      return;
    }
    await this.run(async () => {
      const { recoveryCodes } = await this.api.invoke(mfaRegenerateRecoveryCodes, {
        body: { code: this.regenerateForm.getRawValue().code.trim() },
      });
      this.regenerateForm.reset();
      this.recoveryCodes.set(recoveryCodes);
      this.message.set('New recovery codes made: the earlier ones no longer work.');
      await this.load(true);
    });
  }

  protected async disable(): Promise<void> {
    if (this.disableForm.invalid) {
      this.disableForm.markAllAsTouched();
      this.error.set('Enter a code from your app, a recovery code, or your password.');
      return;
    }
    const { code, password } = this.disableForm.getRawValue();
    await this.run(async () => {
      await this.api.invoke(mfaDisable, { body: code.trim() ? { code: code.trim() } : { password } });
      this.disableForm.reset();
      this.recoveryCodes.set([]);
      this.message.set('Two-step sign-in is off.');
      await this.load(true);
    });
  }

  protected hideCodes(): void {
    this.recoveryCodes.set([]);
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    this.message.set('');
    try {
      await work();
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
