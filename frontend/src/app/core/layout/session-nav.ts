import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthStore } from '@app/core/auth/auth-store';
import { Role } from '@app/core/auth/session';
import { Notifier } from '@app/shared/ui/notifier';

interface NavLink {
  path: string;
  label: string;
  /** Dashboards are the parent of their area's pages; only highlight them on their own page. */
  exact: boolean;
}

const PROFILE: NavLink = { path: '/profile', label: 'Profile', exact: true };

const DISCUSSIONS: NavLink = { path: '/discussions', label: 'Discussions', exact: false };

const NAV: Record<Role, NavLink[]> = {
  student: [
    { path: '/student', label: 'Dashboard', exact: true },
    { path: '/student/calendar', label: 'Calendar', exact: false },
    DISCUSSIONS,
    PROFILE,
  ],
  mentor: [
    { path: '/mentor', label: 'Dashboard', exact: true },
    { path: '/mentor/calendar', label: 'Calendar', exact: false },
    DISCUSSIONS,
    PROFILE,
  ],
  admin: [
    { path: '/admin', label: 'Overview', exact: true },
    { path: '/admin/board', label: 'Live board', exact: false },
    { path: '/admin/users', label: 'Users', exact: false },
    DISCUSSIONS,
    { path: '/admin/moderation', label: 'Moderation', exact: false },
    { path: '/admin/settings', label: 'Settings', exact: false },
    { path: '/admin/audit', label: 'Audit log', exact: false },
    PROFILE,
  ],
};

@Component({
  selector: 'pp-session-nav',
  imports: [RouterLink, RouterLinkActive, MatButton, MatMenu, MatMenuItem, MatMenuTrigger, MatDivider],
  templateUrl: './session-nav.html',
  styleUrl: './session-nav.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionNav {
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(Notifier);

  protected readonly user = this.auth.user;
  protected readonly links = computed(() => {
    const role = this.auth.role();
    return role ? NAV[role] : [];
  });

  protected signOut(): void {
    void this.auth.signOut();
  }

  protected async signOutEverywhere(): Promise<void> {
    try {
      await this.auth.signOutEverywhere();
    } catch (error) {
      this.notifier.problem(error, 'Could not sign out everywhere.');
    }
  }
}
