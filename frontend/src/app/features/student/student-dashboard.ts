import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import { EmptyState } from '../../shared/ui/empty-state';

@Component({
  selector: 'pp-student-dashboard',
  imports: [EmptyState],
  template: `
    <div class="page">
      <h1>Your mentoring</h1>
      @if (user(); as user) {
        <p>Welcome, {{ user.displayName }}.</p>
      }
      <pp-empty-state heading="No mentor yet">When you are matched with a mentor, your sessions and messages will appear here.</pp-empty-state>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StudentDashboard {
  protected readonly user = inject(AuthStore).user;
}
