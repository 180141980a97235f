import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { mentoringRequestsGet } from '@app/core/api/fn/mentoring-requests/mentoring-requests-get';
import { formatDateTime } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { resourceFailure } from '@app/shared/resource-failure';
import { PendingRequest } from './pending-request';
import { answeredRequestText, currentStatus, REQUEST_STATUS_LABELS } from './request-status';

/** One of the student's requests, where its notifications lead. */
@Component({
  selector: 'pp-student-request-page',
  imports: [RouterLink, Loading, LoadError, PendingRequest],
  template: `
    <div class="page page--medium">
      <p class="back"><a routerLink="/student">Dashboard</a></p>
      <h1>Your request</h1>
      @if (error()) {
        <pp-load-error [message]="error()" (retry)="loaded.reload()" />
      } @else if (request(); as request) {
        @if (isPending()) {
          <pp-pending-request [request]="request" (withdrawn)="loaded.set($event)" (outdated)="loaded.reload()" />
        } @else {
          <p>
            <span class="badge">{{ statusLabels[status()] }}</span>
          </p>
          <h2 class="topic">“{{ request.topic }}” to {{ request.mentor.displayName }}</h2>
          <p>{{ outcome() }}</p>
          @if (request.sessionId) {
            <p><a [routerLink]="['/student/sessions', request.sessionId]">See the session</a></p>
          }
        }
        <h2>Your message</h2>
        <p class="message">{{ request.message }}</p>
        <p class="muted">Sent {{ sent() }}.</p>
      } @else {
        <pp-loading label="Loading the request…" />
      }
    </div>
  `,
  styles: `
    .page--medium {
      max-width: 48rem;
    }

    .back {
      margin: 0 0 1rem;
    }

    .topic,
    .message {
      overflow-wrap: anywhere;
    }

    .message {
      white-space: pre-line;
    }

    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StudentRequestPage {
  private readonly api = inject(Api);
  private readonly timeZone = injectViewerTimeZone();

  readonly id = input.required<string>();

  protected readonly statusLabels = REQUEST_STATUS_LABELS;
  protected readonly loaded = resource({
    params: () => ({ id: this.id() }),
    loader: ({ params }) => this.api.invoke(mentoringRequestsGet, params),
  });
  protected readonly request = computed(() => (this.loaded.hasValue() ? this.loaded.value() : null));
  protected readonly error = resourceFailure(this.loaded);
  protected readonly status = computed(() => {
    const request = this.request();
    return request ? currentStatus(request) : 'pending';
  });
  protected readonly isPending = computed(() => this.status() === 'pending');
  protected readonly outcome = computed(() => {
    const request = this.request();
    return request ? answeredRequestText(request, this.timeZone()) : '';
  });
  protected readonly sent = computed(() => {
    const request = this.request();
    return request ? formatDateTime(request.createdAt, this.timeZone()) : '';
  });
}
