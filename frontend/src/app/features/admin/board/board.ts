import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { MatTab, MatTabGroup } from '@angular/material/tabs';
import { ActivatedRoute } from '@angular/router';
import { Api } from '@app/core/api/api';
import { oversightSessionsCsv } from '@app/core/api/fn/admin/oversight-sessions-csv';
import { problemMessage } from '@app/core/errors/problem';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { BoardFilters, BoardStore, NO_FILTERS } from './board-store';
import { dayInput, endOfDay, rangeError, startOfDay } from './date-range';
import { LiveFeed } from './live-feed';
import { PersonFilter } from './person-filter';
import { REQUEST_STATUSES, SESSION_STATUSES, statusLabel } from './statuses';

type Selected = { kind: 'session' | 'request'; id: string };

const MAX_FILTER_DAYS = 92;
const MAX_EXPORT_DAYS = 400;

@Component({
  selector: 'pp-admin-board',
  imports: [
    NgTemplateOutlet,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    MatTabGroup,
    MatTab,
    PersonFilter,
    DateTimePipe,
    Loading,
    LoadError,
  ],
  providers: [BoardStore, LiveFeed],
  templateUrl: './board.html',
  styleUrl: './board.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Board {
  private readonly api = inject(Api);
  private readonly feed = inject(LiveFeed);
  protected readonly store = inject(BoardStore);

  protected readonly sessionStatuses = SESSION_STATUSES;
  protected readonly requestStatuses = REQUEST_STATUSES;
  protected readonly statusLabel = statusLabel;
  protected readonly live = this.feed.status;
  protected readonly liveText = computed(
    () =>
      ({
        connecting: 'Connecting to live updates…',
        live: 'Live: changes appear as they happen.',
        reconnecting: 'Reconnecting… changes made meanwhile will appear once connected.',
        offline: 'Offline: live updates are paused. Still trying to reconnect.',
      })[this.live()],
  );

  protected readonly draft = signal<BoardFilters>(NO_FILTERS);
  protected readonly filterError = signal('');
  protected readonly tab = signal(0);
  protected readonly selected = signal<Selected | null>(null);
  protected readonly selectedSession = computed(() => {
    const s = this.selected();
    return s?.kind === 'session' ? (this.store.sessions.find(s.id) ?? null) : null;
  });
  protected readonly selectedRequest = computed(() => {
    const s = this.selected();
    return s?.kind === 'request' ? (this.store.requests.find(s.id) ?? null) : null;
  });
  private readonly detailHeading = viewChild<ElementRef<HTMLElement>>('detailHeading');

  protected readonly csvFrom = signal(dayInput(new Date(new Date().getFullYear(), new Date().getMonth(), 1)));
  protected readonly csvTo = signal(dayInput(new Date()));
  protected readonly csvMessage = signal('');
  protected readonly downloading = signal(false);

  constructor() {
    const query = inject(ActivatedRoute).snapshot.queryParamMap;
    const initial: BoardFilters = {
      ...NO_FILTERS,
      requestStatus: (REQUEST_STATUSES.find((s) => s.value === query.get('requestStatus'))?.value ??
        '') as BoardFilters['requestStatus'],
      sessionStatus: (SESSION_STATUSES.find((s) => s.value === query.get('sessionStatus'))?.value ??
        '') as BoardFilters['sessionStatus'],
    };
    if (query.get('tab') === 'requests') this.tab.set(1);
    this.draft.set(initial);
    void this.store.setFilters(initial);
    this.feed.start((event) => void this.store.apply(event));
  }

  protected patch(change: Partial<BoardFilters>): void {
    this.draft.update((d) => ({ ...d, ...change }));
  }

  protected applyFilters(event?: Event): void {
    event?.preventDefault();
    const error = rangeError(this.draft().from, this.draft().to, false, MAX_FILTER_DAYS);
    this.filterError.set(error);
    if (!error) void this.store.setFilters(this.draft());
  }

  protected clearFilters(): void {
    this.draft.set(NO_FILTERS);
    this.filterError.set('');
    void this.store.setFilters(NO_FILTERS);
  }

  protected open(kind: Selected['kind'], id: string): void {
    this.selected.set({ kind, id });
    setTimeout(() => this.detailHeading()?.nativeElement.focus());
  }

  protected closeDetail(): void {
    const s = this.selected();
    this.selected.set(null);
    if (s) setTimeout(() => document.getElementById(`open-${s.id}`)?.focus());
  }

  protected async downloadCsv(event: Event): Promise<void> {
    event.preventDefault();
    const error = rangeError(this.csvFrom(), this.csvTo(), true, MAX_EXPORT_DAYS);
    this.csvMessage.set(error);
    if (error) return;
    this.downloading.set(true);
    try {
      const csv = await this.api.invoke(oversightSessionsCsv, {
        from: startOfDay(this.csvFrom())!,
        to: endOfDay(this.csvTo())!,
      });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `sessions-${this.csvFrom()}-to-${this.csvTo()}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1_000);
      this.csvMessage.set('The CSV file is downloading.');
    } catch (failure) {
      this.csvMessage.set(`Could not export. ${problemMessage(failure)}`);
    } finally {
      this.downloading.set(false);
    }
  }
}
