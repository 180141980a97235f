import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { Api } from '@app/core/api/api';
import { adminAssignmentsAssign } from '@app/core/api/fn/admin/admin-assignments-assign';
import { adminAssignmentsList } from '@app/core/api/fn/admin/admin-assignments-list';
import { adminAssignmentsUnassign } from '@app/core/api/fn/admin/admin-assignments-unassign';
import { adminUsersUpdate } from '@app/core/api/fn/admin/admin-users-update';
import type { AssignmentDto } from '@app/core/api/models/assignment-dto';
import type { Role } from '@app/core/api/models/role';
import type { UpdateUserDto } from '@app/core/api/models/update-user-dto';
import type { UserDto } from '@app/core/api/models/user-dto';
import type { UserSummaryDto } from '@app/core/api/models/user-summary-dto';
import { problemMessage } from '@app/core/errors/problem';
import { allPages } from '@app/shared/keyset-list';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { CAPACITY_MAX, CAPACITY_MIN, QUOTA_MAX, QUOTA_MIN, ROLE_LABELS, ROLE_OPTIONS } from './roles';
import { UserPicker } from './user-picker';

export interface UserDetailData {
  user: UserDto;
  /** The signed-in admin, who may not change their own role. */
  selfId: string;
}

const ASSIGNMENT_PAGE_SIZE = 100;
const WHOLE_NUMBER = /^\d+$/;

@Component({
  selector: 'pp-user-detail-dialog',
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
    Loading,
    LoadError,
    UserPicker,
  ],
  templateUrl: './user-detail-dialog.html',
  styleUrl: './user-detail-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserDetailDialog {
  private readonly api = inject(Api);
  private readonly data = inject<UserDetailData>(MAT_DIALOG_DATA);
  private readonly formBuilder = inject(NonNullableFormBuilder);
  private readonly picker = viewChild(UserPicker);

  protected readonly roles = ROLE_OPTIONS;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly limits = {
    capacityMin: CAPACITY_MIN,
    capacityMax: CAPACITY_MAX,
    quotaMin: QUOTA_MIN,
    quotaMax: QUOTA_MAX,
  };
  protected readonly isSelf = this.data.user.id === this.data.selfId;

  protected readonly user = signal(this.data.user);
  protected readonly form = this.formBuilder.group({
    displayName: [this.data.user.displayName, [Validators.required, Validators.maxLength(120)]],
    role: this.formBuilder.control<Role>({ value: this.data.user.role, disabled: this.isSelf }),
    mentorCapacity: [
      numberText(this.data.user.mentorCapacity),
      [Validators.pattern(WHOLE_NUMBER), Validators.min(CAPACITY_MIN), Validators.max(CAPACITY_MAX)],
    ],
    quotaOverride: [
      numberText(this.data.user.quotaOverride),
      [Validators.pattern(WHOLE_NUMBER), Validators.min(QUOTA_MIN), Validators.max(QUOTA_MAX)],
    ],
  });
  protected readonly chosenRole = toSignal(this.form.controls.role.valueChanges, { initialValue: this.data.user.role });
  protected readonly saving = signal(false);
  protected readonly saved = signal('');
  protected readonly saveError = signal('');

  protected readonly assignments = signal<AssignmentDto[] | null>(null);
  protected readonly assignmentsError = signal('');
  protected readonly assignmentMessage = signal('');
  protected readonly assignmentError = signal('');
  protected readonly toAssign = signal<UserDto | null>(null);
  protected readonly busy = signal(false);

  /** The other side of each assignment: a student's mentors, or a mentor's students. */
  protected readonly partners = computed(() =>
    (this.assignments() ?? []).map((a) => ({
      assignmentId: a.id,
      person: this.user().role === 'student' ? a.mentor : a.student,
    })),
  );
  protected readonly partnerIds = computed(() => this.partners().map((p) => p.person.id));
  protected readonly partnerRole = computed<Role | null>(() => {
    const role = this.user().role;
    return role === 'student' ? 'mentor' : role === 'mentor' ? 'student' : null;
  });
  protected readonly atCapacity = computed(() => {
    const { role, mentorCapacity } = this.user();
    return role === 'mentor' && mentorCapacity !== null && this.partners().length >= mentorCapacity;
  });

  constructor() {
    if (this.partnerRole()) void this.loadAssignments();
  }

  protected async saveUser(): Promise<void> {
    this.saved.set('');
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const changes = this.changes();
    if (Object.keys(changes).length === 0) {
      this.saved.set('Nothing to save: no changes.');
      return;
    }
    this.saving.set(true);
    this.saveError.set('');
    try {
      const updated = await this.api.invoke(adminUsersUpdate, { id: this.user().id, body: changes });
      // The update answer leaves out invitationPending; a role or active change does not alter it.
      this.user.set({ ...updated, invitationPending: updated.invitationPending ?? this.user().invitationPending });
      this.saved.set(
        changes.role
          ? `Saved. ${updated.displayName} is now ${article(ROLE_LABELS[updated.role])} and must sign in again.`
          : 'Saved.',
      );
      if (changes.role && this.partnerRole()) void this.loadAssignments();
      else if (changes.role) this.assignments.set(null);
    } catch (error) {
      this.saveError.set(problemMessage(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async loadAssignments(): Promise<void> {
    const user = this.user();
    this.assignmentsError.set('');
    this.assignments.set(null);
    const filter = user.role === 'student' ? { studentId: user.id } : { mentorId: user.id };
    try {
      this.assignments.set(
        await allPages((cursor) =>
          this.api.invoke(adminAssignmentsList, { ...filter, limit: ASSIGNMENT_PAGE_SIZE, cursor }),
        ),
      );
    } catch (error) {
      this.assignmentsError.set(problemMessage(error));
    }
  }

  protected async assign(): Promise<void> {
    const partner = this.toAssign();
    const user = this.user();
    this.assignmentMessage.set('');
    if (!partner) {
      this.assignmentError.set(`Choose a ${this.partnerRole()} from the list first.`);
      return;
    }
    this.busy.set(true);
    this.assignmentError.set('');
    try {
      const assignment = await this.api.invoke(adminAssignmentsAssign, {
        body:
          user.role === 'student'
            ? { studentId: user.id, mentorId: partner.id }
            : { studentId: partner.id, mentorId: user.id },
      });
      this.assignments.update((list) => [...(list ?? []), assignment]);
      this.assignmentMessage.set(`${partner.displayName} is assigned.`);
      this.toAssign.set(null);
      this.picker()?.reset();
    } catch (error) {
      this.assignmentError.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async unassign(assignmentId: string, person: UserSummaryDto): Promise<void> {
    this.busy.set(true);
    this.assignmentMessage.set('');
    this.assignmentError.set('');
    try {
      await this.api.invoke(adminAssignmentsUnassign, { id: assignmentId });
      this.assignments.update((list) => (list ?? []).filter((a) => a.id !== assignmentId));
      this.assignmentMessage.set(`${person.displayName} is no longer assigned.`);
    } catch (error) {
      this.assignmentError.set(problemMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private changes(): UpdateUserDto {
    const current = this.user();
    const value = this.form.getRawValue();
    const changes: UpdateUserDto = {};
    if (value.displayName.trim() !== current.displayName) changes.displayName = value.displayName.trim();
    if (!this.isSelf && value.role !== current.role) changes.role = value.role;
    const capacity = numberOrNull(value.mentorCapacity);
    if (value.role === 'mentor' && capacity !== current.mentorCapacity) changes.mentorCapacity = capacity;
    const quota = numberOrNull(value.quotaOverride);
    if (value.role === 'student' && quota !== current.quotaOverride) changes.quotaOverride = quota;
    return changes;
  }
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}

function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

function article(noun: string): string {
  return /^[AEIOU]/i.test(noun) ? `an ${noun.toLowerCase()}` : `a ${noun.toLowerCase()}`;
}
