import type { Route } from '@angular/router';
import { notificationTarget } from './notification-links';

describe('notificationTarget', () => {
  const routes: Route[] = [
    { path: 'student', loadChildren: () => Promise.resolve([]) },
    { path: 'discussions', loadChildren: () => Promise.resolve([]) },
    { path: '**', loadComponent: () => Promise.resolve(class {}) },
  ];

  it('should open a session or request page in the user’s own area', () => {
    expect(notificationTarget('/student/sessions/3f2c', 'student', routes)).toBe('/student/sessions/3f2c');
    expect(notificationTarget('/mentor/requests/9a1b', 'mentor', routes)).toBe('/mentor/requests/9a1b');
  });

  it('should open a page of another part of the portal when it exists', () => {
    expect(notificationTarget('/discussions/t1', 'student', routes)).toBe('/discussions/t1');
  });

  it('should fall back to the dashboard when the page does not exist', () => {
    expect(notificationTarget('/forum/t1', 'student', routes)).toBe('/student');
    expect(notificationTarget('/student/unknown/thing', 'student', routes)).toBe('/student');
    expect(notificationTarget('/mentor/sessions/1', 'student', routes)).toBe('/student');
    expect(notificationTarget(null, 'mentor', routes)).toBe('/mentor');
    expect(notificationTarget('https://evil.example/x', 'mentor', routes)).toBe('/mentor');
    expect(notificationTarget('//evil.example/x', 'mentor', routes)).toBe('/mentor');
  });
});
