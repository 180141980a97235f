import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** What a list shows when it could not load, with a way to try again. */
@Component({
  selector: 'pp-load-error',
  imports: [MatButton],
  template: `
    <div class="load-error" role="alert">
      <p>{{ message() }}</p>
      <button mat-stroked-button type="button" (click)="retry.emit()">Try again</button>
    </div>
  `,
  styles: `
    .load-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 1rem;
      border: 1px solid var(--mat-sys-error);
      border-radius: 8px;
    }

    p {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadError {
  readonly message = input.required<string>();
  readonly retry = output();
}
