import { inject } from '@angular/core';
import { CanMatchFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';
import { Role } from './session';

/** Keeps each area to its own role; the server still checks every request. */
export function roleGuard(role: Role): CanMatchFn {
  return (_route, segments) => {
    const ownRole = inject(AuthStore).role();
    const router = inject(Router);

    if (ownRole === null) {
      const attempted = router.currentNavigation()?.extractedUrl;
      const returnUrl = attempted ? router.serializeUrl(attempted) : `/${segments.map((s) => s.path).join('/')}`;
      return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl } });
    }
    return ownRole === role ? true : router.createUrlTree(['/', ownRole]);
  };
}
