import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Api } from '@app/core/api/api';
import { sessionsGet } from '@app/core/api/fn/sessions/sessions-get';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { problemMessage } from '@app/core/errors/problem';
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
        <pp-load-error [message]="error()" (retry)="load()" />
      } @else if (session(); as session) {
        <pp-session-details
          [session]="session"
          [viewer]="viewer()"
          [headingLevel]="1"
          (changed)="session$.set($event)"
        />
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
  protected readonly session$ = signal<SessionDto | null>(null);
  protected readonly session = this.session$.asReadonly();
  protected readonly error = signal('');

  constructor() {
    effect(() => {
      this.id();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    this.error.set('');
    this.session$.set(null);
    try {
      this.session$.set(await this.api.invoke(sessionsGet, { id: this.id() }));
    } catch (error) {
      this.error.set(problemMessage(error));
    }
  }
}
