import { ChangeDetectionStrategy, Component, input, signal, TemplateRef } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatButton } from '@angular/material/button';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { Submission } from '@app/shared/submission';

/** An action the dialog explains first and runs only when asked. */
export interface ActionConfig<R> {
  title: string;
  actionLabel: string;
  busyLabel: string;
  run: () => Promise<R>;
}

/**
 * Explains an action (the projected content), runs it when asked, then shows its result with the `done`
 * template and leaves only "Done"; a refusal is shown beside it and the action can be tried again.
 */
@Component({
  selector: 'pp-action-dialog',
  imports: [MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatButton, NgTemplateOutlet],
  template: `
    @let c = config();
    <h2 mat-dialog-title>{{ c.title }}</h2>
    <mat-dialog-content>
      @if (result(); as result) {
        <ng-container *ngTemplateOutlet="done(); context: { $implicit: result }" />
      } @else {
        <ng-content />
      }
      <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @if (result()) {
        <button mat-flat-button type="button" mat-dialog-close>Done</button>
      } @else {
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="button" (click)="run()" [disabled]="submission.busy()">
          {{ submission.busy() ? c.busyLabel : c.actionLabel }}
        </button>
      }
    </mat-dialog-actions>
  `,
  // The dialog lays out its title, content and actions itself (the content scrolls): this element must not box them.
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionDialog<R> {
  readonly config = input.required<ActionConfig<R>>();
  readonly done = input.required<TemplateRef<{ $implicit: R }>>();

  protected readonly result = signal<R | null>(null);
  protected readonly submission = new Submission();

  protected async run(): Promise<void> {
    await this.submission.run(async () => this.result.set(await this.config().run()));
  }
}
