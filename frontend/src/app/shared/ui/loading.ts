import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';

/** What a list shows while it loads. */
@Component({
  selector: 'pp-loading',
  imports: [MatProgressBar],
  template: `
    <div class="loading" role="status">
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="label()" />
      <p>{{ label() }}</p>
    </div>
  `,
  styles: `
    .loading {
      padding: 1rem 0;
    }

    p {
      margin: 0.5rem 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Loading {
  readonly label = input('Loading…');
}
