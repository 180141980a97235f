import type { Route } from '@angular/router';
import type { Role } from '@app/core/auth/session';

// The detail pages each role's area has; a link to anything else in an area goes to its dashboard.
const AREA_PAGES = /^(sessions|requests)\/[\w-]+$/;

/**
 * Where opening a notification leads: its link when the portal has that page for this user,
 * otherwise the user's dashboard.
 */
export function notificationTarget(link: string | null, role: Role, routes: Route[]): string {
  const home = `/${role}`;
  if (!link || !link.startsWith('/') || link.startsWith('//')) return home;
  const path = link.split(/[?#]/)[0].replace(/^\/+|\/+$/g, '');
  const [area, ...rest] = path.split('/');
  if (area === role) return rest.length === 0 || AREA_PAGES.test(rest.join('/')) ? link : home;
  if (['student', 'mentor', 'admin'].includes(area)) return home;
  const exists = routes.some(
    (route) => route.path === area && (route.loadChildren || route.loadComponent || route.children || route.component),
  );
  return exists ? link : home;
}
