import { ChangeDetectionStrategy, Component, inject, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { discussionsGet } from '@app/core/api/fn/discussions/discussions-get';
import { moderationDismissReport } from '@app/core/api/fn/moderation/moderation-dismiss-report';
import { moderationHide } from '@app/core/api/fn/moderation/moderation-hide';
import { moderationLock } from '@app/core/api/fn/moderation/moderation-lock';
import { moderationReports } from '@app/core/api/fn/moderation/moderation-reports';
import { moderationUnhide } from '@app/core/api/fn/moderation/moderation-unhide';
import { moderationUnlock } from '@app/core/api/fn/moderation/moderation-unlock';
import type { PostDto } from '@app/core/api/models/post-dto';
import type { ReportDto } from '@app/core/api/models/report-dto';
import type { RevealRequestDto } from '@app/core/api/models/reveal-request-dto';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { Dialogs } from '@app/shared/ui/dialogs';
import { Notifier } from '@app/shared/ui/notifier';
import { PostAction, PostCard } from '@app/features/discussions/post/post-card';
import type { RevealRequestData } from './reveal-request-dialog';
import { KeysetList } from '@app/shared/keyset-list';

export const REPORTS_PAGE_SIZE = 20;

type ReportStatus = 'open' | 'resolved';

/** Reported posts, shown exactly as members see them: an anonymous author stays anonymous here too. */
@Component({
  selector: 'pp-reports-queue',
  imports: [
    RouterLink,
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    PostCard,
    DateTimePipe,
    EmptyState,
    Loading,
    LoadError,
  ],
  templateUrl: './reports-queue.html',
  styleUrl: './moderation.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportsQueue {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);

  readonly revealRequested = output<RevealRequestDto>();

  protected readonly status = signal<ReportStatus>('open');
  protected readonly list = new KeysetList<ReportDto>(
    (cursor) =>
      this.api.invoke(moderationReports, {
        status: this.status(),
        limit: REPORTS_PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      }),
    (reports) => void this.readLocks(reports),
  );
  /** Lock state by thread id; reports do not carry it, so it is read from each thread. */
  protected readonly locked = signal<Record<string, boolean>>({});
  protected readonly busy = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  protected showStatus(status: ReportStatus): void {
    this.status.set(status);
    void this.load();
  }

  protected load(): Promise<void> {
    return this.list.reload();
  }

  protected async handle(action: PostAction, report: ReportDto): Promise<void> {
    if (action === 'hide' || action === 'unhide') {
      const hide = action === 'hide';
      await this.run(report.id, async () => {
        const post = await this.api.invoke(hide ? moderationHide : moderationUnhide, { id: report.post.id });
        this.replacePost(post, hide);
        return hide ? 'The post is hidden and its reports are resolved.' : 'The post is visible again.';
      });
    } else if (action === 'reveal') {
      await this.requestReveal(report);
    }
  }

  /** The report was unfounded: close it and leave the post as it is. */
  protected async dismiss(report: ReportDto): Promise<void> {
    await this.run(report.id, async () => {
      await this.api.invoke(moderationDismissReport, { id: report.id });
      this.list.items.update((reports) => reports.map((r) => (r.id === report.id ? { ...r, status: 'resolved' } : r)));
      return 'The report is dismissed; the post stays as it is.';
    });
  }

  protected async setLocked(report: ReportDto, locked: boolean): Promise<void> {
    const threadId = report.post.threadId;
    await this.run(report.id, async () => {
      const thread = await this.api.invoke(locked ? moderationLock : moderationUnlock, { id: threadId });
      this.locked.update((all) => ({ ...all, [threadId]: thread.locked }));
      return thread.locked ? 'The thread is locked: nobody can reply.' : 'The thread is open for replies again.';
    });
  }

  private async requestReveal(report: ReportDto): Promise<void> {
    const { RevealRequestDialog } = await import('./reveal-request-dialog');
    const created = await this.dialogs.openForm<RevealRequestData, RevealRequestDto>(
      RevealRequestDialog,
      { postId: report.post.id, shownAs: report.post.author.displayName },
      '36rem',
    );
    if (!created) return;
    this.revealRequested.emit(created);
    this.notifier.success('Reveal requested. Another admin must approve it below.');
  }

  private async run(reportId: string, action: () => Promise<string>): Promise<void> {
    this.busy.set(reportId);
    try {
      this.notifier.success(await action());
    } catch (error) {
      this.notifier.problem(error);
    } finally {
      this.busy.set(null);
    }
  }

  /** Hiding resolves every open report of the post on the server; the list says so without reloading. */
  private replacePost(post: PostDto, resolved: boolean): void {
    this.list.items.update((reports) =>
      reports.map((r) => (r.post.id === post.id ? { ...r, post, status: resolved ? 'resolved' : r.status } : r)),
    );
  }

  private async readLocks(reports: ReportDto[]): Promise<void> {
    const known = this.locked();
    const ids = [...new Set(reports.map((r) => r.post.threadId))].filter((id) => !(id in known));
    const results = await Promise.allSettled(ids.map((id) => this.api.invoke(discussionsGet, { id })));
    const found: Record<string, boolean> = {};
    results.forEach((result) => {
      if (result.status === 'fulfilled') found[result.value.id] = result.value.locked;
    });
    this.locked.update((all) => ({ ...all, ...found }));
  }
}
