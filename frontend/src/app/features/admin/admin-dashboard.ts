import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import { EmptyState } from '../../shared/ui/empty-state';

@Component({
  selector: 'pp-admin-dashboard',
  imports: [EmptyState],
  template: `
    <div class="page">
      <h1>Programme overview</h1>
      @if (user(); as user) {
        <p>Welcome, {{ user.displayName }}.</p>
      }
      <pp-empty-state heading="Nothing to show yet">Figures about students, mentors and sessions will appear here once the programme is running.</pp-empty-state>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminDashboard {
  protected readonly user = inject(AuthStore).user;
}
