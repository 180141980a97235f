import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AUTH_API, AuthStore } from './auth-store';

export const authInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) return next(request);

  const store = inject(AuthStore);
  const router = inject(Router);
  const authorize = (original: HttpRequest<unknown>) => {
    const token = store.accessToken();
    return token ? original.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : original;
  };

  return next(authorize(request)).pipe(
    catchError((error: unknown) => {
      const expired = error instanceof HttpErrorResponse && error.status === 401 && !request.url.startsWith(AUTH_API);
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
