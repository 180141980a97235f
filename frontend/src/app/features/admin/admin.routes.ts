import { Routes } from '@angular/router';
import { AdminDashboard } from './admin-dashboard';

export const routes: Routes = [
  { path: '', title: 'Programme overview · PeerPals', component: AdminDashboard },
  {
    path: 'users',
    title: 'Users · PeerPals',
    loadComponent: () => import('./users/users').then((m) => m.Users),
  },
  {
    path: 'moderation',
    title: 'Moderation · PeerPals',
    loadComponent: () => import('./moderation/moderation').then((m) => m.Moderation),
  },
  {
    path: 'board',
    title: 'Live board · PeerPals',
    loadComponent: () => import('./board/board').then((m) => m.Board),
  },
  {
    path: 'settings',
    title: 'Programme settings · PeerPals',
    loadComponent: () => import('./settings/settings').then((m) => m.Settings),
  },
  {
    path: 'audit',
    title: 'Audit log · PeerPals',
    loadComponent: () => import('./audit/audit').then((m) => m.Audit),
  },
];
