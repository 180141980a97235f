import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { auditList } from '@app/core/api/fn/admin/audit-list';
import type { AuditEntryDto } from '@app/core/api/models/audit-entry-dto';
import { KeysetList } from '@app/shared/keyset-list';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { rangeError } from '@app/features/admin/board/date-range';
import { PersonFilter } from '@app/features/admin/board/person-filter';
import { actionLabel, AuditFilters, auditQuery, detailLines, KNOWN_ACTIONS, NO_AUDIT_FILTERS } from './audit-query';

@Component({
  selector: 'pp-admin-audit',
  imports: [
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatOption,
    PersonFilter,
    DateTimePipe,
    Loading,
    LoadError,
  ],
  templateUrl: './audit.html',
  styleUrl: './audit.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Audit {
  private readonly api = inject(Api);

  protected readonly actions = KNOWN_ACTIONS;
  protected readonly actionLabel = actionLabel;
  protected readonly detailLines = detailLines;
  protected readonly draft = signal<AuditFilters>(NO_AUDIT_FILTERS);
  private applied: AuditFilters = NO_AUDIT_FILTERS;
  protected readonly filterError = signal('');
  protected readonly list = new KeysetList<AuditEntryDto>((cursor) =>
    this.api.invoke(auditList, auditQuery(this.applied, cursor)),
  );

  constructor() {
    void this.load();
  }

  protected patch(change: Partial<AuditFilters>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    const error = rangeError(this.draft().from, this.draft().to, false, Number.POSITIVE_INFINITY);
    this.filterError.set(error);
    if (error) return;
    this.applied = this.draft();
    void this.load();
  }

  protected clearFilters(): void {
    this.draft.set(NO_AUDIT_FILTERS);
    this.filterError.set('');
    this.applied = NO_AUDIT_FILTERS;
    void this.load();
  }

  protected load(): Promise<void> {
    return this.list.reload();
  }
}
