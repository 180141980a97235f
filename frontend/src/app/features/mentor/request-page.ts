import { ChangeDetectionStrategy, Component, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { mentoringRequestsGet } from '@app/core/api/fn/mentoring-requests/mentoring-requests-get';
import { resourceFailure } from '@app/shared/resource-failure';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { RequestCard } from './request-card';

/** One request addressed to the mentor, where its notifications lead. */
@Component({
  selector: 'pp-mentor-request-page',
  imports: [RouterLink, Loading, LoadError, RequestCard],
  template: `
    <div class="page page--medium">
      <p class="back"><a routerLink="/mentor">Dashboard</a> · <a routerLink="/mentor/calendar">Calendar</a></p>
      <h1>Request</h1>
      @if (error()) {
        <pp-load-error [message]="error()" (retry)="request.reload()" />
      } @else if (request.value(); as shown) {
        <pp-request-card [request]="shown" (answered)="request.reload()" />
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorRequestPage {
  private readonly api = inject(Api);

  readonly id = input.required<string>();

  protected readonly request = resource({
    params: () => ({ id: this.id() }),
    loader: ({ params }) => this.api.invoke(mentoringRequestsGet, params),
  });
  protected readonly error = resourceFailure(this.request);
}
