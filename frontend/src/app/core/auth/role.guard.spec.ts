import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Route, Router, UrlSegment, UrlTree } from '@angular/router';
import { AuthStore } from './auth-store';
import { roleGuard, signedInGuard } from './role.guard';
import { Role } from './session';

describe('roleGuard', () => {
  const role = signal<Role | null>(null);
  const isSignedIn = computed(() => role() !== null);
  const segments = [new UrlSegment('mentor', {}), new UrlSegment('requests', {})];

  function runGuard(required: Role): boolean | UrlTree {
    return TestBed.runInInjectionContext(() => roleGuard(required)({} as Route, segments)) as boolean | UrlTree;
  }

  function serialize(result: boolean | UrlTree): string {
    expect(result).toBeInstanceOf(UrlTree);
    return TestBed.inject(Router).serializeUrl(result as UrlTree);
  }

  beforeEach(() => {
    role.set(null);
    TestBed.configureTestingModule({ providers: [{ provide: AuthStore, useValue: { role, isSignedIn } }] });
  });

  it('should send a signed-out visitor to sign-in with the attempted url', () => {
    expect(serialize(runGuard('mentor'))).toBe('/sign-in?returnUrl=%2Fmentor%2Frequests');
  });

  it('should send a user with another role to their own dashboard', () => {
    role.set('student');
    expect(serialize(runGuard('mentor'))).toBe('/student');
  });

  it('should let a user with the required role in', () => {
    role.set('mentor');
    expect(runGuard('mentor')).toBe(true);
  });

  it('should let any signed-in role into a shared page', () => {
    role.set('student');
    const result = TestBed.runInInjectionContext(() => signedInGuard({} as Route, [new UrlSegment('profile', {})]));
    expect(result).toBe(true);
  });

  it('should send a signed-out visitor of a shared page to sign-in', () => {
    const result = TestBed.runInInjectionContext(() => signedInGuard({} as Route, [new UrlSegment('profile', {})]));
    expect(serialize(result as UrlTree)).toBe('/sign-in?returnUrl=%2Fprofile');
  });
});
