import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { sessionsGet } from '@app/core/api/fn/sessions/sessions-get';
import { AuthStore } from '@app/core/auth/auth-store';
import { resourceFailure } from '@app/shared/resource-failure';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { SessionDetails } from './session-details';
import type { Viewer } from './session-status';

/** One session on its own page: where notifications and the ICS feed entries lead. */
@Component({
  selector: 'pp-session-page',
  imports: [RouterLink, Loading, LoadError, SessionDetails],
  template: `
    <div class="page page--medium">
      <p class="back">
        <a [routerLink]="['/', viewer()]">Dashboard</a> · <a [routerLink]="['/', viewer(), 'calendar']">Calendar</a>
      </p>
      @if (error()) {
        <h1>Session</h1>
        <pp-load-error [message]="error()" (retry)="session.reload()" />
      } @else if (session.value(); as shown) {
        <pp-session-details [session]="shown" [viewer]="viewer()" [headingLevel]="1" (changed)="session.set($event)" />
      } @else {
        <h1>Session</h1>
        <pp-loading label="Loading the session…" />
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
export class SessionPage {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthStore);

  /** From the route. */
  readonly id = input.required<string>();

  protected readonly viewer = computed<Viewer>(() => (this.auth.role() === 'mentor' ? 'mentor' : 'student'));
  protected readonly session = resource({
    params: () => ({ id: this.id() }),
    loader: ({ params }) => this.api.invoke(sessionsGet, params),
  });
  protected readonly error = resourceFailure(this.session);
}
