import { ChangeDetectionStrategy, Component, inject, input, OnInit } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Submission } from '@app/shared/submission';

/** What a one-text dialog asks for and what it does with the answer. */
export interface TextFormConfig<R> {
  title: string;
  label: string;
  /** A fixed hint under the field; without it, a counter of characters is shown when `counter` is set. */
  hint?: string;
  counter?: boolean;
  /** Shown when the text is missing, blank or too short; only for required texts. */
  error?: string;
  required: boolean;
  /** Counted on the trimmed text, when it is sent. */
  minLength?: number;
  maxLength: number;
  rows: number;
  initialValue?: string;
  focusFirst?: boolean;
  cancelLabel?: string;
  submitLabel: string;
  busyLabel: string;
  /** Further fields the caller projects above the text; the text is sent only while they are valid. */
  extra?: AbstractControl;
  /** Sends the trimmed text; the dialog closes with what it returns. */
  send: (text: string) => Promise<R>;
}

/** At least `min` characters once the spaces around the text are left out. */
export function trimmedMinLength(min: number): ValidatorFn {
  return (control) => (String(control.value ?? '').trim().length >= min ? null : { minlength: true });
}

/**
 * The body of a dialog that asks for one text (a reason, a report, a post): title, what the caller projects,
 * the text field with its hint and error, the server's refusal, and cancel/submit.
 */
@Component({
  selector: 'pp-text-form-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatButton,
  ],
  template: `
    @let c = config();
    <h2 mat-dialog-title>{{ c.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="send()" novalidate>
      <mat-dialog-content class="form">
        <ng-content />
        <mat-form-field appearance="outline">
          <mat-label>{{ c.label }}</mat-label>
          <textarea
            matInput
            formControlName="text"
            [rows]="c.rows"
            [required]="c.required"
            [maxlength]="c.maxLength"
            [attr.cdkFocusInitial]="c.focusFirst ? '' : null"
          ></textarea>
          @if (c.hint) {
            <mat-hint>{{ c.hint }}</mat-hint>
          } @else if (c.counter) {
            <mat-hint align="end">{{ form.controls.text.value.length }} / {{ c.maxLength }}</mat-hint>
          }
          @if (c.error) {
            <mat-error>{{ c.error }}</mat-error>
          }
        </mat-form-field>
        <p class="form-message form-message--error" role="alert">{{ submission.error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ c.cancelLabel ?? 'Cancel' }}</button>
        <button mat-flat-button type="submit" [disabled]="submission.busy()">
          {{ submission.busy() ? c.busyLabel : c.submitLabel }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  // The dialog lays out its title, content and actions itself (the content scrolls): this element must not box them.
  styles: `
    :host {
      display: contents;
    }

    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TextFormDialog<R> implements OnInit {
  private readonly ref = inject<MatDialogRef<unknown, R>>(MatDialogRef);

  readonly config = input.required<TextFormConfig<R>>();

  protected readonly form = inject(NonNullableFormBuilder).group({ text: [''] });
  protected readonly submission = new Submission();

  ngOnInit(): void {
    const { required, maxLength, initialValue } = this.config();
    const text = this.form.controls.text;
    text.setValidators(
      required
        ? [Validators.required, Validators.pattern(/\S/), Validators.maxLength(maxLength)]
        : Validators.maxLength(maxLength),
    );
    text.setValue(initialValue ?? '');
  }

  protected async send(): Promise<void> {
    const { minLength = 0, extra, send } = this.config();
    const text = this.form.controls.text.value.trim();
    this.submission.error.set('');
    if (text && text.length < minLength) {
      this.form.controls.text.setErrors({ minlength: true });
    }
    if (this.form.invalid || extra?.invalid) {
      this.form.markAllAsTouched();
      extra?.markAllAsTouched();
      return;
    }
    await this.submission.run(async () => this.ref.close(await send(text)));
  }
}
