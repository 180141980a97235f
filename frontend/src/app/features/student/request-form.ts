import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { Api } from '@app/core/api/api';
import { mentoringRequestsCreate } from '@app/core/api/fn/mentoring-requests/mentoring-requests-create';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { UserSummaryDto } from '@app/core/api/models/user-summary-dto';
import { fieldMessages, problemCode } from '@app/core/errors/problem';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { requestProblemMessage } from '@app/features/calendar/session-problems';

export const TOPIC_MAX = 120;
export const MESSAGE_MAX = 2000;
export const PREFERRED_TIMES_MAX = 5;

/** Codes after which the form is no longer the right thing to show: the dashboard reloads. */
const STATE_CHANGED = new Set(['REQUEST_ALREADY_PENDING', 'MONTHLY_QUOTA_EXCEEDED', 'NOT_ASSIGNED']);

/** A student asks one of their mentors for a session. */
@Component({
  selector: 'pp-request-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSelect, MatOption, MatButton],
  templateUrl: './request-form.html',
  styleUrl: './request-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestForm {
  private readonly api = inject(Api);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  private readonly timeZone = injectViewerTimeZone();

  readonly mentors = input.required<UserSummaryDto[]>();
  readonly sent = output<MentoringRequestDto>();
  /** The server refused for a reason that changes what the dashboard shows (with the sentence to show). */
  readonly refused = output<string>();

  protected readonly topicMax = TOPIC_MAX;
  protected readonly messageMax = MESSAGE_MAX;
  protected readonly timesMax = PREFERRED_TIMES_MAX;
  protected readonly form = this.formBuilder.group({
    mentorId: ['', Validators.required],
    topic: ['', [Validators.required, Validators.maxLength(TOPIC_MAX), Validators.pattern(/\S/)]],
    message: ['', [Validators.required, Validators.maxLength(MESSAGE_MAX), Validators.pattern(/\S/)]],
    preferredTimes: this.formBuilder.array([this.formBuilder.control('', Validators.maxLength(200))]),
  });
  protected readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly sending = signal(false);
  protected readonly error = signal('');

  constructor() {
    effect(() => {
      const mentors = this.mentors();
      const control = this.form.controls.mentorId;
      if (mentors.length === 1 && !control.value) control.setValue(mentors[0].id);
    });
  }

  protected addTime(): void {
    if (this.form.controls.preferredTimes.length < PREFERRED_TIMES_MAX) {
      this.form.controls.preferredTimes.push(this.formBuilder.control('', Validators.maxLength(200)));
    }
  }

  protected removeTime(index: number): void {
    this.form.controls.preferredTimes.removeAt(index);
    if (this.form.controls.preferredTimes.length === 0) this.addTime();
  }

  protected async send(): Promise<void> {
    this.error.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { mentorId, topic, message, preferredTimes } = this.form.getRawValue();
    const times = preferredTimes.map((t) => t.trim()).filter((t) => t !== '');
    this.sending.set(true);
    try {
      const request = await this.api.invoke(mentoringRequestsCreate, {
        body: {
          mentorId,
          topic: topic.trim(),
          message: message.trim(),
          ...(times.length > 0 ? { preferredTimes: times } : {}),
        },
      });
      this.sent.emit(request);
    } catch (error) {
      const sentence = requestProblemMessage(error, this.timeZone());
      const code = problemCode(error);
      if (code && STATE_CHANGED.has(code)) {
        this.refused.emit(sentence);
      } else {
        const fields = fieldMessages(error);
        this.error.set(Object.keys(fields).length > 0 ? Object.values(fields).join(' ') : sentence);
      }
    } finally {
      this.sending.set(false);
    }
  }
}
