import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Api } from '@app/core/api/api';
import { calendarFeed } from '@app/core/api/fn/calendar/calendar-feed';
import { calendarRotate } from '@app/core/api/fn/calendar/calendar-rotate';
import { problemMessage } from '@app/core/errors/problem';
import { Dialogs } from '@app/shared/ui/dialogs';
import { LoadError } from '@app/shared/ui/load-error';

/** The private ICS subscription link, to copy into Google Calendar, Outlook or Apple Calendar. */
@Component({
  selector: 'pp-calendar-feed-link',
  imports: [CdkCopyToClipboard, MatButton, MatFormField, MatLabel, MatHint, MatInput, LoadError],
  template: `
    <section class="feed" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Add your sessions to your own calendar</h2>
      <p class="intro">
        Subscribe to this private link in Google Calendar, Outlook or Apple Calendar (“add calendar from URL”). Your
        sessions then appear there and stay up to date. Anyone with the link can see your sessions, so keep it to
        yourself.
      </p>
      @if (error()) {
        <pp-load-error [message]="error()" (retry)="load()" />
      } @else {
        <div class="row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" class="url">
            <mat-label>Calendar link</mat-label>
            <input
              matInput
              readonly
              [value]="url()"
              (focus)="selectAll($event)"
              [attr.aria-busy]="url() === '' ? true : null"
            />
            <mat-hint>Private: works without signing in.</mat-hint>
          </mat-form-field>
          <button
            mat-stroked-button
            type="button"
            [disabled]="!url()"
            [cdkCopyToClipboard]="url()"
            (cdkCopyToClipboardCopied)="copied($event)"
          >
            Copy link
          </button>
          <button mat-button type="button" [disabled]="!url() || rotating()" (click)="resetLink()">Reset link</button>
        </div>
      }
      <p class="status" role="status">{{ message() }}</p>
    </section>
  `,
  styles: `
    .intro {
      margin: 0 0 0.75rem;
      max-width: 48rem;
    }

    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }

    .url {
      flex: 1 1 18rem;
      min-width: 0;
    }

    .status {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarFeedLink {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);

  protected readonly url = signal('');
  protected readonly error = signal('');
  protected readonly message = signal('');
  protected readonly rotating = signal(false);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set('');
    try {
      this.url.set((await this.api.invoke(calendarFeed)).url);
    } catch (error) {
      this.error.set(`Your calendar link could not be loaded. ${problemMessage(error)}`);
    }
  }

  protected copied(success: boolean): void {
    this.message.set(success ? 'Link copied.' : 'Could not copy. Select the link and copy it yourself.');
  }

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }

  protected async resetLink(): Promise<void> {
    const confirmed = await this.dialogs.confirm({
      title: 'Reset your calendar link?',
      message:
        'The current link stops working straight away: calendars subscribed to it stop updating. You will then need to subscribe again with the new link. Do this if the link was shared by mistake.',
      confirmLabel: 'Reset link',
    });
    if (!confirmed) return;
    this.rotating.set(true);
    this.message.set('');
    try {
      this.url.set((await this.api.invoke(calendarRotate)).url);
      this.message.set('New link ready. The old link no longer works; subscribe again with this one.');
    } catch (error) {
      this.message.set(`Could not reset the link. ${problemMessage(error)}`);
    } finally {
      this.rotating.set(false);
    }
  }
}
