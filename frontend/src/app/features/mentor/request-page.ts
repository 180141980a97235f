import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { mentoringRequestsGet } from '@app/core/api/fn/mentoring-requests/mentoring-requests-get';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { problemMessage } from '@app/core/errors/problem';
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
        <pp-load-error [message]="error()" (retry)="load()" />
      } @else if (request(); as request) {
        <pp-request-card [request]="request" (answered)="load()" />
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

  protected readonly request = signal<MentoringRequestDto | null>(null);
  protected readonly error = signal('');

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    this.error.set('');
    try {
      this.request.set(await this.api.invoke(mentoringRequestsGet, { id: this.id() }));
    } catch (error) {
      this.error.set(problemMessage(error));
    }
  }
}
