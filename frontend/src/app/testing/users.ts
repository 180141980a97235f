import { HttpTestingController } from '@angular/common/http/testing';
import type { UserDto } from '@app/core/api/models/user-dto';
import { AuthStore } from '@app/core/auth/auth-store';

let sequence = 0;

/** A user as the API returns it; override what the test is about. */
export function aUser(overrides: Partial<UserDto> = {}): UserDto {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    email: `person${sequence}@uni.example`,
    displayName: `Person ${sequence}`,
    role: 'student',
    active: true,
    bio: null,
    timeZone: 'Europe/London',
    mentorCapacity: null,
    quotaOverride: null,
    createdAt: '2026-09-01T09:00:00.000Z',
    invitationPending: false,
    ...overrides,
  };
}

/** Signs `user` in through the real store, answering the login request. */
export async function signInAs(store: AuthStore, http: HttpTestingController, user: UserDto): Promise<void> {
  const signedIn = store.signIn(user.email, 'a password for tests');
  http.expectOne('/api/v1/auth/login').flush({ accessToken: `token-${user.id}`, expiresIn: 900, user });
  await signedIn;
}
