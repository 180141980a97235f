import { signal } from '@angular/core';
import { problemMessage } from '@app/core/errors/problem';

/**
 * What a dialog's form sends: `busy` while the request runs (the submit button says so and is
 * disabled), and the server's reason in `error` when it is refused, shown in the dialog beside the form.
 */
export class Submission {
  readonly busy = signal(false);
  readonly error = signal('');

  /** Runs `send`, which also does what follows success (close the dialog, show the result); true if it succeeded. */
  async run(send: () => Promise<unknown>): Promise<boolean> {
    this.busy.set(true);
    this.error.set('');
    try {
      await send();
      return true;
    } catch (error) {
      this.error.set(problemMessage(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
