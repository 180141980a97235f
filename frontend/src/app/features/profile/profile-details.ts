import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { meGet } from '@app/core/api/fn/me/me-get';
import { meUpdate } from '@app/core/api/fn/me/me-update';
import type { UserDto } from '@app/core/api/models/user-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { matchTimeZones, timeZoneNames } from './time-zones';

const BIO_MAX_LENGTH = 2000;
const NAME_MAX_LENGTH = 120;

@Component({
  selector: 'pp-profile-details',
  imports: [
    ReactiveFormsModule,
    MatCard,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
    MatButton,
    Loading,
    LoadError,
  ],
  templateUrl: './profile-details.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileDetails {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);

  protected readonly nameMaxLength = NAME_MAX_LENGTH;
  protected readonly bioMaxLength = BIO_MAX_LENGTH;
  protected readonly profile = signal<UserDto | null>(null);
  protected readonly loadError = signal('');
  protected readonly saving = signal(false);
  protected readonly saved = signal('');
  protected readonly error = signal('');

  private readonly zones = signal<string[]>(timeZoneNames(this.auth.user()?.timeZone));
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(NAME_MAX_LENGTH), notBlank]],
    timeZone: ['', [Validators.required, (control: AbstractControl<string>) => this.knownZone(control)]],
    bio: ['', Validators.maxLength(BIO_MAX_LENGTH)],
  });
  private readonly zoneQuery = toSignal(this.form.controls.timeZone.valueChanges, { initialValue: '' });
  protected readonly zoneOptions = computed(() => matchTimeZones(this.zones(), this.zoneQuery()));
  protected readonly bioLength = toSignal(this.form.controls.bio.valueChanges, { initialValue: '' });

  constructor() {
    void this.loadProfile();
  }

  protected async loadProfile(): Promise<void> {
    this.loadError.set('');
    this.profile.set(null);
    try {
      this.show(await this.api.invoke(meGet));
    } catch (error) {
      this.loadError.set(problemMessage(error));
    }
  }

  protected async saveProfile(): Promise<void> {
    this.saved.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { displayName, timeZone, bio } = this.form.getRawValue();
    this.saving.set(true);
    this.error.set('');
    try {
      const user = await this.api.invoke(meUpdate, {
        body: { displayName: displayName.trim(), timeZone, bio: bio.trim() || null },
      });
      this.show(user);
      this.auth.updateUser(user);
      this.saved.set('Your profile is saved.');
    } catch (error) {
      this.error.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }

  private show(user: UserDto): void {
    if (!this.zones().includes(user.timeZone)) this.zones.set(timeZoneNames(user.timeZone));
    this.profile.set(user);
    this.form.setValue({ displayName: user.displayName, timeZone: user.timeZone, bio: user.bio ?? '' });
    this.form.markAsPristine();
  }

  private knownZone(control: AbstractControl<string>): ValidationErrors | null {
    return !control.value || this.zones().includes(control.value) ? null : { unknownZone: true };
  }
}

function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && control.value.trim() === '' ? { required: true } : null;
}
