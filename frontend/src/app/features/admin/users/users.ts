import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSelect } from '@angular/material/select';
import {
  MatCell,
  MatCellDef,
  MatColumnDef,
  MatHeaderCell,
  MatHeaderCellDef,
  MatHeaderRow,
  MatHeaderRowDef,
  MatNoDataRow,
  MatRow,
  MatRowDef,
  MatTable,
} from '@angular/material/table';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { Api } from '@app/core/api/api';
import { adminUsersGet } from '@app/core/api/fn/admin/admin-users-get';
import { adminUsersList } from '@app/core/api/fn/admin/admin-users-list';
import { adminUsersUpdate } from '@app/core/api/fn/admin/admin-users-update';
import type { Role } from '@app/core/api/models/role';
import type { UserDto } from '@app/core/api/models/user-dto';
import { AuthStore } from '@app/core/auth/auth-store';
import { Dialogs } from '@app/shared/ui/dialogs';
import { LoadError } from '@app/shared/ui/load-error';
import { Loading } from '@app/shared/ui/loading';
import { Notifier } from '@app/shared/ui/notifier';
import { ROLE_LABELS, ROLE_OPTIONS } from './roles';
import type { UserDetailData } from './user-detail-dialog';
import { KeysetList } from '@app/shared/keyset-list';

export const USERS_PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 300;

type ActiveFilter = '' | 'true' | 'false';

@Component({
  selector: 'pp-users',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatSelect,
    MatOption,
    MatMenu,
    MatMenuItem,
    MatMenuTrigger,
    MatMenuContent,
    MatTable,
    MatColumnDef,
    MatHeaderCell,
    MatHeaderCellDef,
    MatCell,
    MatCellDef,
    MatHeaderRow,
    MatHeaderRowDef,
    MatRow,
    MatRowDef,
    MatNoDataRow,
    Loading,
    LoadError,
  ],
  templateUrl: './users.html',
  styleUrl: './users.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Users {
  private readonly api = inject(Api);
  private readonly dialogs = inject(Dialogs);
  private readonly notifier = inject(Notifier);
  private readonly selfId = inject(AuthStore).user()?.id ?? '';

  protected readonly roles = ROLE_OPTIONS;
  protected readonly columns = ['name', 'role', 'status', 'limits', 'actions'];
  protected readonly filters = inject(NonNullableFormBuilder).group({
    search: '',
    role: '' as Role | '',
    active: '' as ActiveFilter,
  });

  protected readonly list = new KeysetList<UserDto>((cursor) => this.fetchPage(cursor));
  protected readonly summary = computed(() => {
    if (this.list.loading() || this.list.error()) return '';
    const count = this.list.items().length;
    if (count === 0) return 'No users match.';
    const shown = count === 1 ? '1 user' : `${count} users`;
    return this.list.nextCursor() ? `Showing the first ${shown}; more are available.` : `Showing ${shown}.`;
  });

  private search = '';
  // Answers to superseded requests are dropped, so a slow old search cannot overwrite a new one.

  constructor() {
    this.filters.controls.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((text) => text.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => {
        this.search = text;
        void this.loadFirstPage();
      });
    this.filters.controls.role.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => void this.loadFirstPage());
    this.filters.controls.active.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => void this.loadFirstPage());
    void this.loadFirstPage();
  }

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role];
  }

  protected isSelf(user: UserDto): boolean {
    return user.id === this.selfId;
  }

  protected loadFirstPage(): Promise<void> {
    return this.list.reload();
  }

  protected async createUser(): Promise<void> {
    const { CreateUserDialog } = await import('./create-user-dialog');
    await this.dialogs.openForm(CreateUserDialog, undefined, '36rem');
    void this.loadFirstPage();
  }

  protected async importUsers(): Promise<void> {
    const { ImportUsersDialog } = await import('./import-users-dialog');
    await this.dialogs.openForm(ImportUsersDialog, undefined, '56rem');
    void this.loadFirstPage();
  }

  protected async openDetails(user: UserDto): Promise<void> {
    const { UserDetailDialog } = await import('./user-detail-dialog');
    await this.dialogs.openForm<UserDetailData, unknown>(UserDetailDialog, { user, selfId: this.selfId }, '40rem');
    await this.refreshRow(user.id);
  }

  protected async reissueInvitation(user: UserDto): Promise<void> {
    const { ReissueInvitationDialog } = await import('./reissue-invitation-dialog');
    await this.dialogs.openForm(ReissueInvitationDialog, user, '36rem');
    await this.refreshRow(user.id);
  }

  protected async sendPasswordReset(user: UserDto): Promise<void> {
    const { SendPasswordResetDialog } = await import('./send-password-reset-dialog');
    await this.dialogs.openForm(SendPasswordResetDialog, user, '36rem');
  }

  protected async deactivate(user: UserDto): Promise<void> {
    const confirmed = await this.dialogs.confirm(
      {
        title: `Deactivate ${user.displayName}?`,
        message: `${user.displayName} is signed out everywhere at once and cannot sign in until an admin reactivates the account. Their assignments stay.`,
        confirmLabel: 'Deactivate',
      },
      'auto',
    );
    if (confirmed) await this.setActive(user, false);
  }

  protected async reactivate(user: UserDto): Promise<void> {
    await this.setActive(user, true);
  }

  private async setActive(user: UserDto, active: boolean): Promise<void> {
    try {
      const updated = await this.api.invoke(adminUsersUpdate, { id: user.id, body: { active } });
      this.replaceRow({ ...updated, invitationPending: updated.invitationPending ?? user.invitationPending });
      this.notifier.success(`${updated.displayName} is ${active ? 'active again' : 'deactivated'}.`);
    } catch (error) {
      this.notifier.problem(error);
    }
  }

  private async refreshRow(id: string): Promise<void> {
    try {
      this.replaceRow(await this.api.invoke(adminUsersGet, { id }));
    } catch {
      // The row keeps what it showed; the next search brings it up to date.
    }
  }

  private replaceRow(user: UserDto): void {
    this.list.replace(user);
  }

  private fetchPage(cursor?: string) {
    const { role, active } = this.filters.getRawValue();
    return this.api.invoke(adminUsersList, {
      search: this.search || undefined,
      role: role || undefined,
      active: active || undefined,
      limit: USERS_PAGE_SIZE,
      cursor,
    });
  }
}
