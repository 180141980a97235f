import { CdkCopyToClipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { DateTimePipe } from '@app/shared/ui/date-time';

/**
 * A one-time invitation link for the admin to pass on. Shown as text, never as a link: opening it
 * here would let the admin choose the person's password by mistake.
 */
@Component({
  selector: 'pp-invitation-link',
  imports: [CdkCopyToClipboard, MatButton, MatFormField, MatLabel, MatHint, MatInput, DateTimePipe],
  template: `
    <div class="invitation">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="url">
        <mat-label>{{ label() }}</mat-label>
        <input matInput readonly [value]="url()" (focus)="selectAll($event)" />
        @if (expiresAt(); as expiresAt) {
          <mat-hint>Works once; expires {{ expiresAt | ppDateTime }}.</mat-hint>
        }
      </mat-form-field>
      <button
        mat-stroked-button
        type="button"
        [cdkCopyToClipboard]="url()"
        (cdkCopyToClipboardCopied)="copied.set($event)"
      >
        Copy link
        @if (owner(); as owner) {
          <span class="sr-only">for {{ owner }}</span>
        }
      </button>
      <span class="copied" role="status">{{ copied() ? 'Link copied.' : '' }}</span>
    </div>
  `,
  styles: `
    .invitation {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }

    .url {
      flex: 1 1 16rem;
      min-width: 0;
    }

    .copied {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvitationLink {
  readonly url = input.required<string>();
  readonly expiresAt = input<string>();
  readonly label = input('Invitation link');
  /** Whose link this is, for screen readers when several are listed. */
  readonly owner = input<string | null>();

  protected readonly copied = signal(false);

  protected selectAll(event: FocusEvent): void {
    (event.target as HTMLInputElement).select();
  }
}
