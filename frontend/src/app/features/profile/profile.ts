import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthStore } from '@app/core/auth/auth-store';
import { ChangePassword } from './change-password';
import { ProfileDetails } from './profile-details';
import { TwoStepSignIn } from './two-step-sign-in';

@Component({
  selector: 'pp-profile',
  imports: [ProfileDetails, ChangePassword, TwoStepSignIn],
  template: `
    <div class="page page--medium">
      <h1>Your profile</h1>
      <pp-profile-details />
      <pp-change-password />
      @if (isAdmin()) {
        <pp-two-step-sign-in />
      }
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
export class Profile {
  private readonly auth = inject(AuthStore);
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
}
