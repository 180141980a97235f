import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { AuthStore } from '../auth/auth-store';
import { Role } from '../auth/session';

interface NavLink {
  path: string;
  label: string;
}

const NAV: Record<Role, NavLink[]> = {
  student: [{ path: '/student', label: 'My mentoring' }],
  mentor: [{ path: '/mentor', label: 'My students' }],
  admin: [{ path: '/admin', label: 'Overview' }],
};

@Component({
  selector: 'pp-session-nav',
  imports: [RouterLink, RouterLinkActive, MatButton],
  templateUrl: './session-nav.html',
  styleUrl: './session-nav.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionNav {
  private readonly auth = inject(AuthStore);

  protected readonly user = this.auth.user;
  protected readonly links = computed(() => {
    const role = this.auth.role();
    return role ? NAV[role] : [];
  });

  protected signOut(): void {
    void this.auth.signOut();
  }
}
