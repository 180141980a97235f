import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { moderationApprove } from '@app/core/api/fn/moderation/moderation-approve';
import { moderationReject } from '@app/core/api/fn/moderation/moderation-reject';
import { moderationRevealRequests } from '@app/core/api/fn/moderation/moderation-reveal-requests';
import type { RevealRequestDto } from '@app/core/api/models/reveal-request-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
import { DateTimePipe } from '@app/shared/ui/date-time';
import { EmptyState } from '@app/shared/ui/empty-state';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { Dialogs } from '@app/shared/ui/dialogs';
import { Notifier } from '@app/shared/ui/notifier';
import { ROLE_NAMES } from '@app/features/discussions/post/post-appearance';
import { KeysetList } from '@app/shared/keyset-list';

export const REVEALS_PAGE_SIZE = 20;

const STATUS_LABELS: Record<RevealRequestDto['status'], string> = {
  pending: 'Waiting for a second admin',
  approved: 'Approved',
  rejected: 'Rejected',
};

/**
 * Break-glass reveals: one admin asks, a different admin decides. The author's identity arrives
 * only for approved requests and only for the two admins involved; it stays in this panel, in
 * memory, and is shown only when asked for.
 */
@Component({
  selector: 'pp-reveal-requests',
  imports: [RouterLink, MatButton, DateTimePipe, EmptyState, Loading, LoadError],
  templateUrl: './reveal-requests.html',
  styleUrl: './moderation.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RevealRequests {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);

  protected readonly selfId = computed(() => this.auth.user()?.id ?? '');
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly roleNames = ROLE_NAMES;
  protected readonly list = new KeysetList<RevealRequestDto>((cursor) =>
    this.api.invoke(moderationRevealRequests, { limit: REVEALS_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
  protected readonly busy = signal<string | null>(null);
  /** Requests whose revealed author the admin chose to look at. */
  protected readonly shown = signal<ReadonlySet<string>>(new Set());
  /** Why a decision was refused, shown with its request (it can be long: who may approve and when). */
  protected readonly refusals = signal<ReadonlyMap<string, string>>(new Map());

  constructor() {
    void this.load();
  }

  load(): Promise<void> {
    return this.list.reload();
  }

  protected isOwn(request: RevealRequestDto): boolean {
    return request.requestedById === this.selfId();
  }

  protected toggleIdentity(request: RevealRequestDto): void {
    this.shown.update((shown) => {
      const next = new Set(shown);
      if (!next.delete(request.id)) next.add(request.id);
      return next;
    });
  }

  protected async approve(request: RevealRequestDto): Promise<void> {
    const confirmed = await this.dialogs.confirm(
      {
        title: 'Approve and reveal the author?',
        message:
          `You will see the name and email address of the student behind this post. Your approval is recorded in the audit log, ` +
          `and the author is told that their identity was revealed and why: “${request.reason}”.`,
        confirmLabel: 'Approve and reveal',
      },
      '34rem',
    );
    if (!confirmed) return;
    const decided = await this.decide(request, 'approved');
    if (decided?.author) this.shown.update((shown) => new Set(shown).add(decided.id));
  }

  protected async reject(request: RevealRequestDto): Promise<void> {
    await this.decide(request, 'rejected');
  }

  private async decide(request: RevealRequestDto, decision: 'approved' | 'rejected'): Promise<RevealRequestDto | null> {
    this.busy.set(request.id);
    this.setRefusal(request.id, null);
    try {
      const decided = await this.api.invoke(decision === 'approved' ? moderationApprove : moderationReject, {
        id: request.id,
      });
      this.list.replace(decided);
      const done =
        decision === 'approved'
          ? 'Approved. The author has been told.'
          : this.isOwn(request)
            ? 'Your request is withdrawn.'
            : 'Rejected. Nobody learns who wrote the post.';
      this.notifier.success(done);
      return decided;
    } catch (error) {
      this.setRefusal(request.id, problemMessage(error));
      return null;
    } finally {
      this.busy.set(null);
    }
  }

  private setRefusal(id: string, message: string | null): void {
    this.refusals.update((refusals) => {
      const next = new Map(refusals);
      if (message) next.set(id, message);
      else next.delete(id);
      return next;
    });
  }
}
