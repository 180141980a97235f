import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';

/** Recovery codes right after they were made: the only time anyone sees them. */
@Component({
  selector: 'pp-recovery-codes',
  imports: [MatButton],
  template: `
    <section class="recovery" aria-labelledby="recovery-heading">
      <h3 id="recovery-heading">Your recovery codes</h3>
      <p class="warning">
        <strong>They are shown only this once.</strong> Save them somewhere safe (a password manager, or printed) before
        you go on.
      </p>
      <p>If you lose your phone, each code signs you in one time instead of a code from the app.</p>
      <ul class="codes" aria-label="Recovery codes">
        @for (code of codes(); track code) {
          <li>
            <code>{{ code }}</code>
          </li>
        }
      </ul>
      <div class="actions">
        <button mat-stroked-button type="button" (click)="copyCodes()">Copy codes</button>
        <button mat-stroked-button type="button" (click)="downloadCodes()">Download codes</button>
      </div>
      <p class="form-message form-message--success" role="status">{{ copied() }}</p>
    </section>
  `,
  styles: `
    .recovery {
      display: grid;
      gap: 0.5rem;
    }

    h3,
    p {
      margin: 0;
    }

    .warning {
      padding: 0.75rem 1rem;
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-surface-container);
    }

    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0.25rem 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    code {
      font-size: 1.05rem;
      letter-spacing: 0.03em;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodes {
  readonly codes = input.required<string[]>();
  /** Shown in the downloaded file, so the user knows which account the codes belong to. */
  readonly account = input<string>('');

  protected readonly copied = signal('');

  protected async copyCodes(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.copied.set('Codes copied.');
    } catch {
      this.copied.set('Copying is not allowed here: select the codes and copy them, or download them.');
    }
  }

  protected downloadCodes(): void {
    const url = URL.createObjectURL(new Blob([this.text()], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'peerpals-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
    this.copied.set('Codes downloaded.');
  }

  private text(): string {
    const heading = `PeerPals recovery codes${this.account() ? ` for ${this.account()}` : ''}`;
    return `${heading}\nEach code works once.\n\n${this.codes().join('\n')}\n`;
  }
}
