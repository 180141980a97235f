import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import { EmptyState } from '../../shared/ui/empty-state';

@Component({
  selector: 'pp-mentor-dashboard',
  imports: [EmptyState],
  template: `
    <div class="page">
      <h1>Your students</h1>
      @if (user(); as user) {
        <p>Welcome, {{ user.displayName }}.</p>
      }
      <pp-empty-state heading="No students yet">Students who are assigned to you will appear here, with their upcoming sessions.</pp-empty-state>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MentorDashboard {
  protected readonly user = inject(AuthStore).user;
}
