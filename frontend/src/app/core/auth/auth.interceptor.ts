import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthStore } from './auth-store';

export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) return next(request);

  const store = inject(AuthStore);
  const router = inject(Router);
  const isAuthCall = request.url.startsWith(AUTH_API);
  const authorize = (original: HttpRequest<unknown>) => {
    const token = store.accessToken();
    return token ? original.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : original;
  };
  // Only the auth calls need the refresh cookie; same-origin requests send it anyway, this says so.
  const outgoing = isAuthCall ? request.clone({ withCredentials: true }) : request;

  return next(authorize(outgoing)).pipe(
    catchError((error: unknown) => {
      const expired = error instanceof HttpErrorResponse && error.status === 401 && !isAuthCall;
      if (!expired) return throwError(() => error);

      return from(store.refresh()).pipe(
        switchMap((refreshed) => {
          if (refreshed) return next(authorize(request));
          void store.expireSession(router.url);
          return throwError(() => error);
        }),
      );
    }),
  );
};
