import { inject } from '@angular/core';
import { CanMatchFn, Router, UrlSegment, UrlTree } from '@angular/router';
import { AuthStore } from './auth-store';
import { Role } from './session';

/** Keeps each area to its own role; the server still checks every request. */
export function roleGuard(role: Role): CanMatchFn {
  return (_route, segments) => {
    const ownRole = inject(AuthStore).role();
    const router = inject(Router);

    if (ownRole === null) return signInFirst(router, segments);
    return ownRole === role ? true : router.createUrlTree(['/', ownRole]);
  };
}

/** For pages every signed-in role shares, such as the profile. */
export const signedInGuard: CanMatchFn = (_route, segments) =>
  inject(AuthStore).isSignedIn() || signInFirst(inject(Router), segments);

function signInFirst(router: Router, segments: UrlSegment[]): UrlTree {
  const attempted = router.currentNavigation()?.extractedUrl;
  const returnUrl = attempted ? router.serializeUrl(attempted) : `/${segments.map((s) => s.path).join('/')}`;
  return router.createUrlTree(['/sign-in'], { queryParams: { returnUrl } });
}
