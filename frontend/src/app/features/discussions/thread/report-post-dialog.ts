import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Api } from '@app/core/api/api';
import { discussionsReport } from '@app/core/api/fn/discussions/discussions-report';
import { TextFormConfig, TextFormDialog } from '@app/shared/ui/text-form-dialog';

export interface ReportPostData {
  postId: string;
  /** How the post's author is shown (a name or a pseudonym). */
  author: string;
}

/** Asks why a post should be looked at; closes with `true` once the report is sent. */
@Component({
  selector: 'pp-report-post-dialog',
  imports: [TextFormDialog],
  template: `
    <pp-text-form-dialog [config]="config">
      <p>Only the moderators read reports. The author is not told who reported the post.</p>
    </pp-text-form-dialog>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportPostDialog {
  private readonly api = inject(Api);
  private readonly data = inject<ReportPostData>(MAT_DIALOG_DATA);

  protected readonly config: TextFormConfig<boolean> = {
    title: `Report a post by ${this.data.author}`,
    label: 'What is wrong with it?',
    counter: true,
    error: 'Tell the moderators why, in a few words.',
    required: true,
    maxLength: 500,
    rows: 4,
    submitLabel: 'Send report',
    busyLabel: 'Sending…',
    send: async (reason) => {
      await this.api.invoke(discussionsReport, { id: this.data.postId, body: { reason } });
      return true;
    },
  };
}
