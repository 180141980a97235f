import { inject } from '@angular/core';
import { RedirectFunction } from '@angular/router';
import { AuthStore } from './auth-store';

export const homeRedirect: RedirectFunction = () => {
  const role = inject(AuthStore).role();
  return role ? `/${role}` : '/sign-in';
};
