import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';

@Component({
  selector: 'pp-empty-state',
  imports: [MatCard, MatCardContent],
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        @if (level() === 3) {
          <h3 class="heading">{{ heading() }}</h3>
        } @else {
          <h2 class="heading">{{ heading() }}</h2>
        }
        <p class="text"><ng-content /></p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .heading {
      font: var(--mat-sys-title-large);
      margin: 0 0 0.5rem;
    }

    .text {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly heading = input.required<string>();
  /** The heading level that fits the outline of the page it sits in. */
  readonly level = input<2 | 3>(2);
}
