import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { adminUsersList } from '@app/core/api/fn/admin/admin-users-list';
import type { Role } from '@app/core/api/models/role';
import type { UserDto } from '@app/core/api/models/user-dto';

const SEARCH_DEBOUNCE_MS = 250;

/** Narrows a list to one person, found by name or email; clearing the field shows everyone again. */
@Component({
  selector: 'pp-person-filter',
  imports: [MatFormField, MatLabel, MatInput, MatAutocomplete, MatAutocompleteTrigger, MatOption],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="search"
        autocomplete="off"
        [value]="text()"
        [matAutocomplete]="options"
        (input)="search($any($event.target).value)"
        (focus)="search(text())"
      />
      <mat-autocomplete #options="matAutocomplete" (optionSelected)="pick($event)">
        <mat-option value="">Everyone</mat-option>
        @for (user of results(); track user.id) {
          <mat-option [value]="user.id">{{ user.displayName }} · {{ user.email }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PersonFilter {
  private readonly api = inject(Api);

  readonly people = input.required<Role>();
  readonly label = input.required<string>();
  readonly picked = output<string>();

  protected readonly text = signal('');
  protected readonly results = signal<UserDto[]>([]);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest = 0;

  protected search(value: string): void {
    this.text.set(value);
    if (value.trim() === '') this.picked.emit('');
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fetch(value.trim()), SEARCH_DEBOUNCE_MS);
  }

  protected pick(event: MatAutocompleteSelectedEvent): void {
    const id = event.option.value as string;
    this.text.set(id ? (this.results().find((u) => u.id === id)?.displayName ?? '') : '');
    this.picked.emit(id);
  }

  private async fetch(search: string): Promise<void> {
    const request = ++this.latest;
    try {
      const page = await this.api.invoke(adminUsersList, {
        role: this.people(),
        limit: 20,
        ...(search ? { search } : {}),
      });
      if (request === this.latest) this.results.set(page.items);
    } catch {
      if (request === this.latest) this.results.set([]);
    }
  }
}
