import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { mentoringRequestsDecline } from '@app/core/api/fn/mentoring-requests/mentoring-requests-decline';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import { TextFormConfig, TextFormDialog } from '@app/shared/ui/text-form-dialog';

/** Declines a request, with an optional reason the student reads. */
@Component({
  selector: 'pp-decline-dialog',
  imports: [TextFormDialog],
  template: `
    <pp-text-form-dialog [config]="config">
      <p>
        <strong>{{ request.student.displayName }}</strong> asked about “{{ request.topic }}”. They can send a new
        request as soon as you decline.
      </p>
    </pp-text-form-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeclineDialog {
  private readonly api = inject(Api);
  protected readonly request = inject<MentoringRequestDto>(MAT_DIALOG_DATA);

  protected readonly config: TextFormConfig<MentoringRequestDto> = {
    title: 'Decline the request?',
    label: 'Reason (optional)',
    hint: `${this.request.student.displayName} sees this. A kind word or another place to ask helps.`,
    required: false,
    maxLength: 500,
    rows: 3,
    focusFirst: true,
    cancelLabel: 'Keep the request',
    submitLabel: 'Decline request',
    busyLabel: 'Declining…',
    send: (reason) =>
      this.api.invoke(mentoringRequestsDecline, { id: this.request.id, body: reason ? { reason } : {} }),
  };
}
