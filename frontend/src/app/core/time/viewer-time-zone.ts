import { computed, inject, Signal } from '@angular/core';
import { AuthStore } from '@app/core/auth/auth-store';

/** The signed-in user's IANA time zone, in which the portal shows and reads every time. */
export function injectViewerTimeZone(): Signal<string> {
  const auth = inject(AuthStore);
  return computed(() => auth.user()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
