import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, map, merge } from 'rxjs';
import { Api } from '@app/core/api/api';
import { discussionsList } from '@app/core/api/fn/discussions/discussions-list';
import type { Audience } from '@app/core/api/models/audience';
import type { ThreadDto } from '@app/core/api/models/thread-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { AUDIENCE_LABELS } from '@app/features/discussions/discussion-filters';
import { PostAuthor } from '@app/features/discussions/post/post-author';
import { KeysetList } from '@app/shared/keyset-list';

export const THREADS_PAGE_SIZE = 20;
export const SEARCH_DEBOUNCE_MS = 300;
const EXCERPT_LENGTH = 180;

type View = 'unanswered' | 'all';

/** The discussion board: newest activity first; mentors start on the questions nobody has answered yet. */
@Component({
  selector: 'pp-discussion-board',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    PostAuthor,
    DateTimePipe,
    EmptyState,
    Loading,
    LoadError,
  ],
  templateUrl: './discussion-board.html',
  styleUrl: './discussion-board.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiscussionBoard {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly role = inject(AuthStore).role;
  protected readonly isMentor = computed(() => this.role() === 'mentor');
  protected readonly audiences = Object.entries(AUDIENCE_LABELS).map(([value, label]) => ({
    value: value as Audience,
    label,
  }));
  protected readonly filters = inject(NonNullableFormBuilder).group(this.initialFilters());

  protected readonly list = new KeysetList<ThreadDto>((cursor) => this.fetchPage(cursor));
  protected readonly filtered = signal(false);
  protected readonly view = signal<View>(this.filters.controls.view.value);
  protected readonly summary = computed(() => {
    if (this.list.loading() || this.list.error()) return '';
    const count = this.list.items().length;
    if (count === 0) return '';
    const shown = count === 1 ? '1 discussion' : `${count} discussions`;
    return this.list.nextCursor() ? `Showing the newest ${shown}; more are available.` : `Showing ${shown}.`;
  });

  constructor() {
    const { controls } = this.filters;
    const typed = (control: typeof controls.q) =>
      control.valueChanges.pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
      );
    merge(typed(controls.q), typed(controls.tag), controls.audience.valueChanges, controls.view.valueChanges)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.loadFirstPage());
    void this.loadFirstPage();
  }

  protected loadFirstPage(): Promise<void> {
    this.view.set(this.filters.controls.view.value);
    this.keepFiltersInAddress();
    return this.list.reload();
  }

  protected filterByTag(tag: string): void {
    this.filters.controls.tag.setValue(tag, { emitEvent: false });
    void this.loadFirstPage();
  }

  protected clearFilters(): void {
    this.filters.setValue({ q: '', tag: '', audience: '', view: 'all' }, { emitEvent: false });
    void this.loadFirstPage();
  }

  protected excerpt(thread: ThreadDto): string {
    const { opening } = thread;
    if (opening.deleted) return 'The opening post was deleted.';
    if (thread.hidden && opening.body === null) return 'The moderators hid this discussion.';
    if (opening.body === null) return 'The opening post was hidden by the moderators.';
    const text = opening.body.replace(/\s+/g, ' ').trim();
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH).trimEnd()}…` : text;
  }

  protected repliesText(thread: ThreadDto): string {
    if (thread.replyCount === 0) return 'No replies yet';
    return thread.replyCount === 1 ? '1 reply' : `${thread.replyCount} replies`;
  }

  protected audienceLabel(audience: Audience): string {
    return AUDIENCE_LABELS[audience];
  }

  private fetchPage(cursor?: string) {
    const { q, tag, audience, view } = this.filters.getRawValue();
    this.filtered.set(Boolean(q.trim() || tag.trim() || audience));
    return this.api.invoke(discussionsList, {
      q: q.trim() || undefined,
      tag: tag.trim().replace(/^#/, '').toLowerCase() || undefined,
      audience: audience || undefined,
      unanswered: view === 'unanswered' ? 'true' : undefined,
      limit: THREADS_PAGE_SIZE,
      cursor,
    });
  }

  private initialFilters() {
    const params = this.route.snapshot.queryParamMap;
    const audience = params.get('audience');
    const unanswered = params.get('unanswered');
    // Mentors see the unanswered queue first, unless the address says otherwise.
    const view: View =
      unanswered === 'true' || (unanswered === null && inject(AuthStore).role() === 'mentor') ? 'unanswered' : 'all';
    return {
      q: params.get('q') ?? '',
      tag: params.get('tag') ?? '',
      audience: (audience === 'community' || audience === 'mentors' ? audience : '') as Audience | '',
      view,
    };
  }

  /** So that coming back from a thread shows the same list. */
  private keepFiltersInAddress(): void {
    const { q, tag, audience, view } = this.filters.getRawValue();
    const defaultView: View = this.isMentor() ? 'unanswered' : 'all';
    const queryParams: Record<string, string | null> = {
      q: q.trim() || null,
      tag: tag.trim() || null,
      audience: audience || null,
      unanswered: view === defaultView ? null : String(view === 'unanswered'),
    };
    const current = this.route.snapshot.queryParamMap;
    if (Object.entries(queryParams).every(([key, value]) => current.get(key) === value)) return;
    void this.router.navigate([], { relativeTo: this.route, replaceUrl: true, queryParams });
  }
}
