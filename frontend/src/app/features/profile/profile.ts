import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ChangePassword } from './change-password';
import { ProfileDetails } from './profile-details';

@Component({
  selector: 'pp-profile',
  imports: [ProfileDetails, ChangePassword],
  template: `
    <div class="page page--medium">
      <h1>Your profile</h1>
      <pp-profile-details />
      <pp-change-password />
    </div>
  `,
  styles: `
    .page--medium {
      max-width: 40rem;
      display: flex;
      flex-direction: column;
      gap: 1.5rem;
    }

    h1 {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Profile {}
