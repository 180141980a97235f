import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { debounceTime, filter, map } from 'rxjs';
import { Api } from '@app/core/api/api';
import { adminUsersList } from '@app/core/api/fn/admin/admin-users-list';
import type { Role } from '@app/core/api/models/role';
import type { UserDto } from '@app/core/api/models/user-dto';
import { problemMessage } from '@app/core/errors/problem';

const SEARCH_DEBOUNCE_MS = 250;
const MAX_OPTIONS = 20;

/** Finds an active student or mentor by name or email. */
@Component({
  selector: 'pp-user-picker',
  imports: [
    ReactiveFormsModule,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
  ],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        [formControl]="query"
        [matAutocomplete]="options"
        autocomplete="off"
        (focus)="searchOnFirstFocus()"
      />
      <mat-autocomplete #options="matAutocomplete" [displayWith]="nameOf" (optionSelected)="pick($event)">
        @for (user of candidates(); track user.id) {
          <mat-option [value]="user">{{ user.displayName }} · {{ user.email }}</mat-option>
        } @empty {
          <mat-option disabled>{{ emptyText() }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>Type part of a name or email, then choose from the list.</mat-hint>
    </mat-form-field>
  `,
  styles: `
    .field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserPicker {
  private readonly api = inject(Api);

  readonly role = input.required<Role>();
  readonly label = input.required<string>();
  /** People already chosen elsewhere, left out of the options. */
  readonly exclude = input<readonly string[]>([]);
  readonly picked = output<UserDto | null>();

  protected readonly query = new FormControl<string | UserDto>('', { nonNullable: true });
  private readonly results = signal<UserDto[] | null>(null);
  private readonly error = signal('');
  protected readonly candidates = computed(() => (this.results() ?? []).filter((u) => !this.exclude().includes(u.id)));
  protected readonly emptyText = computed(
    () => this.error() || (this.results() === null ? 'Searching…' : 'Nobody found who is not already assigned.'),
  );
  private latest = 0;

  constructor() {
    this.query.valueChanges
      .pipe(
        filter((value): value is string => typeof value === 'string'),
        map((value) => value.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        takeUntilDestroyed(),
      )
      .subscribe((text) => {
        this.picked.emit(null);
        void this.search(text);
      });
  }

  /** Clears the field after the choice has been used. */
  reset(): void {
    this.query.setValue('');
  }

  protected readonly nameOf = (value: UserDto | string | null): string =>
    typeof value === 'string' ? value : (value?.displayName ?? '');

  protected pick(event: MatAutocompleteSelectedEvent): void {
    this.picked.emit(event.option.value as UserDto);
  }

  /** The list is there as soon as the field is entered, so a few mentors can be picked without typing. */
  protected searchOnFirstFocus(): void {
    if (this.latest === 0) void this.search(this.query.value);
  }

  private async search(value: string | UserDto): Promise<void> {
    const text = typeof value === 'string' ? value.trim() : '';
    const request = ++this.latest;
    this.results.set(null);
    this.error.set('');
    try {
      const page = await this.api.invoke(adminUsersList, {
        role: this.role(),
        active: 'true',
        search: text || undefined,
        limit: MAX_OPTIONS,
      });
      if (request === this.latest) this.results.set(page.items);
    } catch (error) {
      if (request === this.latest) this.error.set(problemMessage(error));
    }
  }
}
