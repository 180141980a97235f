import { inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { problemMessage } from '@app/core/errors/problem';

const SHOWN_MS = 6_000;

/**
 * The short messages at the bottom of the screen that say how an action went. A success is announced
 * politely and fades; a failure is announced at once and stays until it is closed.
 */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);

  success(message: string): void {
    this.snackBar.open(message, 'Close', { duration: SHOWN_MS, politeness: 'polite' });
  }

  error(message: string): void {
    this.snackBar.open(message, 'Close', { politeness: 'assertive' });
  }

  /** A failed request in words: `lead`, if given, then what the server's problem says. */
  problem(error: unknown, lead = ''): void {
    const reason = problemMessage(error);
    this.error(lead ? `${lead} ${reason}` : reason);
  }
}
