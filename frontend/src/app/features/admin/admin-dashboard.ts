import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@app/core/auth/auth-store';
import { Overview } from './overview/overview';

@Component({
  selector: 'pp-admin-dashboard',
  imports: [RouterLink, MatCard, MatCardContent, Overview],
  template: `
    <div class="page">
      <h1>Programme overview</h1>
      @if (user(); as user) {
        <p>Welcome, {{ user.displayName }}.</p>
      }
      <ul class="card-grid">
        <li>
          <mat-card appearance="outlined">
            <mat-card-content>
              <h2><a routerLink="/admin/users">Users</a></h2>
              <p>
                Find people, create accounts and send invitations, import a CSV file, change roles, and assign students
                to mentors.
              </p>
            </mat-card-content>
          </mat-card>
        </li>
        <li>
          <mat-card appearance="outlined">
            <mat-card-content>
              <h2><a routerLink="/admin/board">Live board</a></h2>
              <p>Every session and request as it changes, with filters, details and a CSV export.</p>
            </mat-card-content>
          </mat-card>
        </li>
      </ul>
      @defer {
        <pp-programme-overview />
      } @placeholder {
        <p>Loading programme figures…</p>
      }
    </div>
  `,
  styles: `
    p {
      margin: 0;
    }

    .card-grid p {
      color: var(--mat-sys-on-surface-variant);
    }

    ul {
      margin-top: 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminDashboard {
  protected readonly user = inject(AuthStore).user;
}
