import { ChangeDetectionStrategy, Component, viewChild } from '@angular/core';
import { ReportsQueue } from './reports-queue';
import { RevealRequests } from './reveal-requests';

@Component({
  selector: 'pp-moderation',
  imports: [ReportsQueue, RevealRequests],
  template: `
    <div class="page">
      <h1>Moderation</h1>
      <p class="intro">
        Anonymous authors stay anonymous here too. Hiding a post resolves its reports; locking a thread stops new
        replies.
      </p>
      <pp-reports-queue (revealRequested)="reveals().load()" />
      <pp-reveal-requests class="reveals" />
    </div>
  `,
  styles: `
    .intro {
      margin: 0 0 1.5rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .reveals {
      display: block;
      margin-top: 2.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Moderation {
  protected readonly reveals = viewChild.required(RevealRequests);
}
