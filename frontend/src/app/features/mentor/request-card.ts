import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { formatAge, formatDayMonth } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { SessionActions } from '@app/features/calendar/session-actions';
import { REQUEST_STATUS_LABELS } from '@app/features/student/request-status';
import { Dialogs } from '@app/shared/ui/dialogs';

/** A request in the mentor's inbox: what the student asks, how long it has waited, accept or decline. */
@Component({
  selector: 'pp-request-card',
  imports: [MatButton, RouterLink],
  template: `
    @let r = request();
    <article
      class="request"
      [class.request--pending]="r.status === 'pending'"
      [attr.aria-labelledby]="'request-' + r.id"
    >
      <div class="top">
        <span
          class="badge"
          [class.badge--attention]="r.status === 'pending'"
          [class.badge--positive]="r.status === 'accepted'"
          >{{ statusLabels[r.status] }}</span
        >
        <span class="age">{{ timing() }}</span>
      </div>
      <h3 class="topic" [id]="'request-' + r.id">
        <a [routerLink]="['/mentor/requests', r.id]">“{{ r.topic }}”</a>
        <span class="from">from {{ r.student.displayName }}</span>
      </h3>
      <p class="message">{{ r.message }}</p>
      @if (r.preferredTimes.length > 0) {
        <p class="times"><span class="label">Times that suit them:</span> {{ r.preferredTimes.join('; ') }}</p>
      }
      @if (r.status === 'declined' && r.declineReason) {
        <p class="times"><span class="label">Your reason:</span> {{ r.declineReason }}</p>
      }
      @if (r.status === 'pending') {
        <div class="actions">
          <button mat-flat-button type="button" (click)="accept()">
            Accept and schedule<span class="sr-only">: {{ r.topic }}, from {{ r.student.displayName }}</span>
          </button>
          <button mat-stroked-button type="button" (click)="decline()">
            Decline<span class="sr-only">: {{ r.topic }}, from {{ r.student.displayName }}</span>
          </button>
        </div>
      } @else if (r.sessionId) {
        <a [routerLink]="['/mentor/sessions', r.sessionId]">See the session</a>
      }
    </article>
  `,
  styles: `
    .request {
      padding: 0.75rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
    }

    .request--pending {
      border-inline-start: 6px solid var(--mat-sys-tertiary);
    }

    .top {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
    }

    .age,
    .label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }

    .topic {
      margin: 0.5rem 0 0.25rem;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }

    .from {
      font-weight: 400;
    }

    .message {
      margin: 0 0 0.5rem;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }

    .times {
      margin: 0 0 0.5rem;
      overflow-wrap: anywhere;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestCard {
  private readonly actions = inject(SessionActions);
  private readonly dialogs = inject(Dialogs);
  private readonly timeZone = injectViewerTimeZone();

  readonly request = input.required<MentoringRequestDto>();
  /** Accepted (a session was scheduled) or declined. */
  readonly answered = output<void>();

  protected readonly statusLabels = { ...REQUEST_STATUS_LABELS, pending: 'Needs your answer' };
  protected readonly timing = computed(() => {
    const request = this.request();
    const sent = `Sent ${formatAge(request.createdAt)}`;
    return request.status === 'pending'
      ? `${sent}, expires ${formatDayMonth(request.expiresAt, this.timeZone())}`
      : sent;
  });

  protected async accept(): Promise<void> {
    const result = await this.actions.schedule({ mode: 'accept', request: this.request() });
    if (result) this.answered.emit();
  }

  protected async decline(): Promise<void> {
    const { DeclineDialog } = await import('./decline-dialog');
    const declined = await this.dialogs.openForm<MentoringRequestDto, MentoringRequestDto>(
      DeclineDialog,
      this.request(),
      '32rem',
    );
    if (declined) this.answered.emit();
  }
}
