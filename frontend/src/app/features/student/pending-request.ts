import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Api } from '@app/core/api/api';
import { mentoringRequestsWithdraw } from '@app/core/api/fn/mentoring-requests/mentoring-requests-withdraw';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { problemCode, problemMessage } from '@app/core/errors/problem';
import { formatAge } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { Dialogs } from '@app/shared/ui/dialogs';
import { pendingRequestExplanation, pendingRequestStatus } from './request-status';

/** The student's one pending request, in place of the request form. */
@Component({
  selector: 'pp-pending-request',
  imports: [MatButton],
  template: `
    @let r = request();
    <div class="pending">
      <p class="top">
        <span class="badge badge--attention">Waiting for an answer</span> <span class="age">Sent {{ age() }}</span>
      </p>
      <h3 class="topic">
        “{{ r.topic }}” <span class="to">to {{ r.mentor.displayName }}</span>
      </h3>
      <p>{{ status() }}</p>
      <p class="why">{{ explanation() }}</p>
      @if (r.preferredTimes.length > 0) {
        <p class="label">Times you suggested: {{ r.preferredTimes.join('; ') }}</p>
      }
      <p class="form-message form-message--error" role="alert">{{ error() }}</p>
      <button mat-stroked-button type="button" [disabled]="withdrawing()" (click)="withdraw()">
        {{ withdrawing() ? 'Withdrawing…' : 'Withdraw request' }}
      </button>
    </div>
  `,
  styles: `
    .pending {
      padding: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
    }

    .top {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin: 0 0 0.5rem;
    }

    .age,
    .label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .topic {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }

    .to {
      font-weight: 400;
    }

    .why {
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PendingRequest {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly timeZone = injectViewerTimeZone();

  readonly request = input.required<MentoringRequestDto>();
  readonly withdrawn = output<MentoringRequestDto>();
  /** The request was answered or expired meanwhile. */
  readonly outdated = output();

  protected readonly age = computed(() => formatAge(this.request().createdAt));
  protected readonly status = computed(() => pendingRequestStatus(this.request(), this.timeZone()));
  protected readonly explanation = computed(() => pendingRequestExplanation(this.request(), this.timeZone()));
  protected readonly withdrawing = signal(false);
  protected readonly error = signal('');

  protected async withdraw(): Promise<void> {
    const request = this.request();
    const confirmed = await this.dialogs.confirm({
      title: 'Withdraw your request?',
      message: `${request.mentor.displayName} will no longer be asked to answer “${request.topic}”. You can send a new request straight away.`,
      confirmLabel: 'Withdraw request',
    });
    if (!confirmed) return;
    this.error.set('');
    this.withdrawing.set(true);
    try {
      this.withdrawn.emit(await this.api.invoke(mentoringRequestsWithdraw, { id: request.id }));
    } catch (error) {
      this.error.set(`The request was not withdrawn. ${problemMessage(error)}`);
      if (problemCode(error) === 'REQUEST_NOT_PENDING') this.outdated.emit();
    } finally {
      this.withdrawing.set(false);
    }
  }
}
