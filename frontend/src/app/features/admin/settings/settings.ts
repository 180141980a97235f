import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Api } from '@app/core/api/api';
import { settingsGet } from '@app/core/api/fn/admin/settings-get';
import { settingsUpdate } from '@app/core/api/fn/admin/settings-update';
import type { SettingsDto } from '@app/core/api/models/settings-dto';
import type { UpdateSettingsDto } from '@app/core/api/models/update-settings-dto';
import { fieldMessages, problemMessage } from '@app/core/errors/problem';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { matchTimeZones, timeZoneNames } from '@app/features/profile/time-zones';

// Mirrors the server's limits (backend SettingsDto); the server still validates.
export const LIMITS = {
  monthlySessionQuota: { min: 1, max: 31 },
  requestExpiryDays: { min: 1, max: 60 },
  cancellationWindowHours: { min: 0, max: 336 },
} as const;

function knownZone(names: readonly string[]) {
  return (control: AbstractControl<string>): ValidationErrors | null =>
    !control.value || names.includes(control.value) ? null : { unknownZone: true };
}

function wholeNumber(name: keyof typeof LIMITS) {
  const { min, max } = LIMITS[name];
  return new FormControl<number | null>(null, [
    Validators.required,
    Validators.min(min),
    Validators.max(max),
    Validators.pattern(/^\d+$/),
  ]);
}

export function settingsForm(zones: readonly string[]) {
  return new FormGroup({
    monthlySessionQuota: wholeNumber('monthlySessionQuota'),
    requestExpiryDays: wholeNumber('requestExpiryDays'),
    cancellationWindowHours: wholeNumber('cancellationWindowHours'),
    programmeTimeZone: new FormControl('', { nonNullable: true, validators: [Validators.required, knownZone(zones)] }),
    mfaRequiredForAdmins: new FormControl(false, { nonNullable: true }),
  });
}

@Component({
  selector: 'pp-admin-settings',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatSuffix,
    MatInput,
    MatButton,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
    MatSlideToggle,
    Loading,
    LoadError,
  ],
  templateUrl: './settings.html',
  styleUrl: './settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {
  private readonly api = inject(Api);

  protected readonly limits = LIMITS;
  private readonly zones = timeZoneNames('UTC');
  protected readonly form = settingsForm(this.zones);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadError = signal('');
  protected readonly saving = signal(false);
  protected readonly saved = signal('');
  protected readonly saveError = signal('');
  protected readonly serverErrors = signal<string[]>([]);
  private readonly zoneQuery = toSignal(this.form.controls.programmeTimeZone.valueChanges, { initialValue: '' });
  protected readonly zoneOptions = computed(() => matchTimeZones(this.zones, this.zoneQuery() ?? ''));

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.state.set('loading');
    try {
      this.reset(await this.api.invoke(settingsGet));
      this.state.set('ready');
    } catch (error) {
      this.loadError.set(problemMessage(error));
      this.state.set('error');
    }
  }

  protected async save(): Promise<void> {
    this.saved.set('');
    this.saveError.set('');
    this.serverErrors.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.saveError.set('Some settings need attention: see the messages beside them.');
      return;
    }
    const value = this.form.getRawValue();
    const body: UpdateSettingsDto = {
      monthlySessionQuota: Number(value.monthlySessionQuota),
      requestExpiryDays: Number(value.requestExpiryDays),
      cancellationWindowHours: Number(value.cancellationWindowHours),
      programmeTimeZone: value.programmeTimeZone,
      mfaRequiredForAdmins: value.mfaRequiredForAdmins,
    };
    this.saving.set(true);
    try {
      this.reset(await this.api.invoke(settingsUpdate, { body }));
      this.saved.set('Settings saved.');
    } catch (error) {
      this.serverErrors.set(Object.values(fieldMessages(error)));
      this.saveError.set(`Could not save. ${problemMessage(error)}`);
    } finally {
      this.saving.set(false);
    }
  }

  private reset(settings: SettingsDto): void {
    this.form.reset(settings);
  }
}
