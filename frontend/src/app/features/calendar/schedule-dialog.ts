import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { distinctUntilChanged, startWith } from 'rxjs';
import { Api } from '@app/core/api/api';
import { mentoringRequestsAccept } from '@app/core/api/fn/mentoring-requests/mentoring-requests-accept';
import { myAssignmentsStudents } from '@app/core/api/fn/me/my-assignments-students';
import { sessionsCreate } from '@app/core/api/fn/sessions/sessions-create';
import { sessionsList } from '@app/core/api/fn/sessions/sessions-list';
import { sessionsUpdate } from '@app/core/api/fn/sessions/sessions-update';
import type { MentoringRequestDto } from '@app/core/api/models/mentoring-request-dto';
import type { SessionDto } from '@app/core/api/models/session-dto';
import type { UserSummaryDto } from '@app/core/api/models/user-summary-dto';
import { problemMessage } from '@app/core/errors/problem';
import { formatLongDate, formatTime, zoneAbbreviation } from '@app/core/time/format';
import { injectViewerTimeZone } from '@app/core/time/viewer-time-zone';
import { dateInputValue, parseDateAndTime, timeInputValue } from '@app/core/time/zoned-time';
import { scheduleProblemMessage } from './session-problems';

export type ScheduleDialogData =
  | { mode: 'accept'; request: MentoringRequestDto }
  | { mode: 'create'; students?: UserSummaryDto[]; studentId?: string; startsAt?: Date }
  | { mode: 'edit'; session: SessionDto };

export interface ScheduleResult {
  sessionId: string;
  session?: SessionDto;
}

export const DURATIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 30, label: '30 minutes' },
  { minutes: 45, label: '45 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 90, label: '1½ hours' },
  { minutes: 120, label: '2 hours' },
  { minutes: 180, label: '3 hours' },
  { minutes: 240, label: '4 hours' },
];

const DEFAULT_MINUTES = 60;
const URL_PATTERN = /^https?:\/\/\S+$/i;

function tomorrowAtTen(timeZone: string): Date {
  const tomorrow = new Date(Date.now() + 86_400_000);
  return parseDateAndTime(dateInputValue(tomorrow, timeZone), '10:00', timeZone) ?? tomorrow;
}

/**
 * The mentor's date-and-time dialog for accepting a request, booking a session directly, or
 * moving one. Times are entered in the mentor's own zone. It stays open on a refusal and says why.
 */
@Component({
  selector: 'pp-schedule-dialog',
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
    MatSelect,
    MatOption,
    MatButton,
  ],
  templateUrl: './schedule-dialog.html',
  styleUrl: './schedule-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScheduleDialog {
  private readonly api = inject(Api);
  private readonly dialogRef = inject<MatDialogRef<ScheduleDialog, ScheduleResult>>(MatDialogRef);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  protected readonly data = inject<ScheduleDialogData>(MAT_DIALOG_DATA);
  protected readonly timeZone = injectViewerTimeZone();
  protected readonly durations = DURATIONS;

  protected readonly title = {
    accept: 'Accept and schedule',
    create: 'Schedule a session',
    edit: 'Reschedule or edit session',
  }[this.data.mode];
  protected readonly submitLabel = { accept: 'Accept and schedule', create: 'Schedule session', edit: 'Save changes' }[
    this.data.mode
  ];

  protected readonly students = signal<UserSummaryDto[]>(this.data.mode === 'create' ? (this.data.students ?? []) : []);
  protected readonly fixedStudent: UserSummaryDto | null =
    this.data.mode === 'accept'
      ? this.data.request.student
      : this.data.mode === 'edit'
        ? this.data.session.student
        : null;

  protected readonly form = this.buildForm();
  private readonly studentId = toSignal(this.form.controls.studentId.valueChanges, {
    initialValue: this.form.controls.studentId.value,
  });
  private readonly timing = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  protected readonly studentName = computed(() => {
    if (this.fixedStudent) return this.fixedStudent.displayName;
    return this.students().find((s) => s.id === this.studentId())?.displayName ?? 'The student';
  });
  /** The student's name inside a sentence. */
  protected readonly studentInSentence = computed(() =>
    this.fixedStudent || this.studentId() ? this.studentName() : 'the student',
  );

  /** The chosen start and end as instants, or null while the date or time is incomplete. */
  protected readonly chosen = computed(() => {
    const { date, time, duration } = this.timing();
    const startsAt = date && time ? parseDateAndTime(date, time, this.timeZone()) : null;
    return startsAt
      ? { startsAt, endsAt: new Date(startsAt.getTime() + (duration ?? DEFAULT_MINUTES) * 60_000) }
      : null;
  });
  protected readonly zoneLabel = computed(() => {
    const at = this.chosen()?.startsAt ?? new Date();
    return `${this.timeZone()} (${zoneAbbreviation(at, this.timeZone())})`;
  });

  /** The mentor's own booked sessions that day, so a clash shows before the server refuses it. */
  protected readonly sameDay = signal<SessionDto[] | null>(null);
  protected readonly clashes = computed(() => {
    const chosen = this.chosen();
    const ownId = this.data.mode === 'edit' ? this.data.session.id : null;
    if (!chosen) return [];
    return (this.sameDay() ?? []).filter(
      (s) => s.id !== ownId && new Date(s.startsAt) < chosen.endsAt && new Date(s.endsAt) > chosen.startsAt,
    );
  });

  protected readonly saving = signal(false);
  protected readonly error = signal('');

  constructor() {
    if (this.data.mode === 'create' && !this.data.students) void this.loadStudents();
    this.form.controls.date.valueChanges
      .pipe(startWith(this.form.controls.date.value), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((date) => void this.loadDay(date));
  }

  protected formatTime(iso: string): string {
    return formatTime(iso, this.timeZone());
  }

  protected dayLabel(date: string): string {
    const start = parseDateAndTime(date, '12:00', this.timeZone());
    return start ? formatLongDate(start, this.timeZone()) : date;
  }

  protected async save(): Promise<void> {
    this.error.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const chosen = this.chosen();
    if (!chosen) return;
    if (chosen.startsAt.getTime() <= Date.now()) {
      this.error.set('Choose a start time in the future.');
      return;
    }
    const { location, meetingUrl, agenda, mentorNotes, studentId } = this.form.getRawValue();
    const times = { startsAt: chosen.startsAt.toISOString(), endsAt: chosen.endsAt.toISOString() };
    const details = {
      location: location.trim() || null,
      meetingUrl: meetingUrl.trim() || null,
      agenda: agenda.trim() || null,
    };

    this.saving.set(true);
    try {
      if (this.data.mode === 'accept') {
        const accepted = await this.api.invoke(mentoringRequestsAccept, {
          id: this.data.request.id,
          body: { ...times, ...details },
        });
        this.dialogRef.close({ sessionId: accepted.sessionId });
      } else if (this.data.mode === 'create') {
        const session = await this.api.invoke(sessionsCreate, { body: { studentId, ...times, ...details } });
        this.dialogRef.close({ sessionId: session.id, session });
      } else {
        const original = this.data.session;
        const moved = original.startsAt !== times.startsAt || original.endsAt !== times.endsAt;
        const session = await this.api.invoke(sessionsUpdate, {
          id: original.id,
          body: { ...(moved ? times : {}), ...details, mentorNotes: mentorNotes.trim() || null },
        });
        this.dialogRef.close({ sessionId: session.id, session });
      }
    } catch (error) {
      this.error.set(scheduleProblemMessage(error, this.timeZone(), this.studentName()));
    } finally {
      this.saving.set(false);
    }
  }

  private buildForm() {
    const zone = this.timeZone();
    const data = this.data;
    const session = data.mode === 'edit' ? data.session : null;
    const start = session
      ? new Date(session.startsAt)
      : data.mode === 'create' && data.startsAt
        ? data.startsAt
        : tomorrowAtTen(zone);
    const minutes = session
      ? Math.round((new Date(session.endsAt).getTime() - start.getTime()) / 60_000)
      : DEFAULT_MINUTES;
    return this.formBuilder.group({
      studentId: [data.mode === 'create' ? (data.studentId ?? '') : (this.fixedStudent?.id ?? ''), Validators.required],
      date: [dateInputValue(start, zone), Validators.required],
      time: [timeInputValue(start, zone), Validators.required],
      duration: this.formBuilder.control(DURATIONS.some((d) => d.minutes === minutes) ? minutes : DEFAULT_MINUTES),
      location: [session?.location ?? '', Validators.maxLength(200)],
      meetingUrl: [session?.meetingUrl ?? '', [Validators.maxLength(500), Validators.pattern(URL_PATTERN)]],
      agenda: [session?.agenda ?? (data.mode === 'accept' ? data.request.topic : ''), Validators.maxLength(2000)],
      mentorNotes: [session?.mentorNotes ?? '', Validators.maxLength(4000)],
    });
  }

  private async loadStudents(): Promise<void> {
    try {
      const assigned = await this.api.invoke(myAssignmentsStudents);
      this.students.set(assigned.map((a) => a.student));
    } catch (error) {
      this.error.set(`Your students could not be loaded. ${problemMessage(error)}`);
    }
  }

  private async loadDay(date: string): Promise<void> {
    this.sameDay.set(null);
    const zone = this.timeZone();
    const from = parseDateAndTime(date, '00:00', zone);
    if (!from) return;
    const next = new Date(from.getTime() + 36 * 3_600_000);
    const to = parseDateAndTime(dateInputValue(next, zone), '00:00', zone);
    if (!to) return;
    try {
      const page = await this.api.invoke(sessionsList, {
        from: from.toISOString(),
        to: to.toISOString(),
        status: 'scheduled',
        limit: 100,
      });
      if (this.form.controls.date.value === date) this.sameDay.set(page.items);
    } catch {
      // Only a preview: the server still refuses a clash when the mentor saves.
      this.sameDay.set([]);
    }
  }
}
