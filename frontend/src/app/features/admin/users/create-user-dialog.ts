import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSelect } from '@angular/material/select';
import { Api } from '@app/core/api/api';
import { adminUsersCreate } from '@app/core/api/fn/admin/admin-users-create';
import type { CreatedUserDto } from '@app/core/api/models/created-user-dto';
import type { Role } from '@app/core/api/models/role';
import { Submission } from '@app/shared/submission';
import { InvitationLink } from './invitation-link';
import { CAPACITY_MAX, CAPACITY_MIN, ROLE_LABELS, ROLE_OPTIONS } from './roles';

@Component({
  selector: 'pp-create-user-dialog',
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
    InvitationLink,
  ],
  templateUrl: './create-user-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateUserDialog {
  private readonly api = inject(Api);
  private readonly formBuilder = inject(NonNullableFormBuilder);

  protected readonly roles = ROLE_OPTIONS;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly capacityMin = CAPACITY_MIN;
  protected readonly capacityMax = CAPACITY_MAX;
  protected readonly form = this.formBuilder.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    displayName: ['', [Validators.required, Validators.maxLength(120)]],
    role: this.formBuilder.control<Role>('student'),
    mentorCapacity: this.formBuilder.control<number | null>(null, [
      Validators.min(CAPACITY_MIN),
      Validators.max(CAPACITY_MAX),
      Validators.pattern(/^\d+$/),
    ]),
  });
  protected readonly role = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });
  protected readonly submission = new Submission();
  protected readonly result = signal<CreatedUserDto | null>(null);

  protected async createUser(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, displayName, role, mentorCapacity } = this.form.getRawValue();
    await this.submission.run(async () => {
      const created = await this.api.invoke(adminUsersCreate, {
        body: {
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          ...(role === 'mentor' ? { mentorCapacity } : {}),
        },
      });
      this.result.set(created);
    });
  }

  protected createAnother(): void {
    this.result.set(null);
    this.form.reset({ email: '', displayName: '', role: this.form.controls.role.value, mentorCapacity: null });
  }
}
