import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { moderationRequestReveal } from '@app/core/api/fn/moderation/moderation-request-reveal';
import type { RevealRequestDto } from '@app/core/api/models/reveal-request-dto';
import { TextFormConfig, TextFormDialog } from '@app/shared/ui/text-form-dialog';

export interface RevealRequestData {
  postId: string;
  /** The pseudonym the post is shown with. */
  shownAs: string;
}

export const REVEAL_REASON_MIN_LENGTH = 10;
const REVEAL_REASON_MAX_LENGTH = 1000;

/** Break-glass, step one: asks for the written reason; closes with the created request. */
@Component({
  selector: 'pp-reveal-request-dialog',
  imports: [TextFormDialog],
  template: `
    <pp-text-form-dialog [config]="config">
      <p>
        Students post anonymously because they trust that nobody finds out. Ask only for a serious reason, such as a
        safeguarding concern.
      </p>
      <ul>
        <li>
          A different, independent admin must approve the request: one made on the server, or by another admin at least
          7 days ago, and not created, invited or made admin by you. Until then nobody sees who wrote the post.
        </li>
        <li>Your request, your reason and the decision are recorded in the audit log.</li>
        <li>If it is approved, the author is told that their identity was revealed, and why.</li>
      </ul>
    </pp-text-form-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RevealRequestDialog {
  private readonly api = inject(Api);
  private readonly data = inject<RevealRequestData>(MAT_DIALOG_DATA);

  protected readonly config: TextFormConfig<RevealRequestDto> = {
    title: `Request to reveal ${this.data.shownAs}`,
    label: 'Reason',
    hint: `At least ${REVEAL_REASON_MIN_LENGTH} characters. The author will read it if the request is approved.`,
    error: `Explain the need in at least ${REVEAL_REASON_MIN_LENGTH} characters.`,
    required: true,
    minLength: REVEAL_REASON_MIN_LENGTH,
    maxLength: REVEAL_REASON_MAX_LENGTH,
    rows: 4,
    submitLabel: 'Request reveal',
    busyLabel: 'Sending…',
    send: (reason) => this.api.invoke(moderationRequestReveal, { id: this.data.postId, body: { reason } }),
  };
}
