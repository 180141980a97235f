import { Routes } from '@angular/router';
import { homeRedirect } from './core/auth/home-redirect';
import { roleGuard, signedInGuard } from './core/auth/role.guard';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: homeRedirect },
  {
    path: 'sign-in',
    title: 'Sign in · PeerPals',
    loadComponent: () => import('./features/auth/sign-in').then((m) => m.SignIn),
  },
  {
    path: 'invitation',
    title: 'Choose your password · PeerPals',
    loadComponent: () => import('./features/auth/invitation').then((m) => m.Invitation),
  },
  {
    path: 'forgot-password',
    title: 'Forgot password · PeerPals',
    loadComponent: () => import('./features/auth/forgot-password').then((m) => m.ForgotPassword),
  },
  {
    path: 'reset-password',
    title: 'Choose a new password · PeerPals',
    loadComponent: () => import('./features/auth/reset-password').then((m) => m.ResetPassword),
  },
  {
    path: 'student',
    canMatch: [roleGuard('student')],
    loadChildren: () => import('./features/student/student.routes').then((m) => m.routes),
  },
  {
    path: 'mentor',
    canMatch: [roleGuard('mentor')],
    loadChildren: () => import('./features/mentor/mentor.routes').then((m) => m.routes),
  },
  {
    path: 'admin',
    canMatch: [roleGuard('admin')],
    loadChildren: () => import('./features/admin/admin.routes').then((m) => m.routes),
  },
  {
    path: 'discussions',
    canMatch: [signedInGuard],
    loadChildren: () => import('./features/discussions/discussions.routes').then((m) => m.routes),
  },
  {
    path: 'profile',
    canMatch: [signedInGuard],
    loadChildren: () => import('./features/profile/profile.routes').then((m) => m.routes),
  },
  {
    path: '**',
    title: 'Page not found · PeerPals',
    loadComponent: () => import('./features/not-found/not-found').then((m) => m.NotFound),
  },
];
