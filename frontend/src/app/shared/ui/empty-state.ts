import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';

@Component({
  selector: 'pp-empty-state',
  imports: [MatCard, MatCardContent],
  template: `
    <mat-card appearance="outlined">
      <mat-card-content>
        <h2>{{ heading() }}</h2>
        <p><ng-content /></p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    p {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly heading = input.required<string>();
}
