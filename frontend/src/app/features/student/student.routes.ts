import { Routes } from '@angular/router';
import { StudentDashboard } from './student-dashboard';

export const routes: Routes = [
  { path: '', title: 'Dashboard · PeerPals', component: StudentDashboard },
  {
    path: 'calendar',
    title: 'Calendar · PeerPals',
    loadComponent: () => import('@app/features/calendar/session-calendar').then((m) => m.SessionCalendar),
  },
  {
    path: 'sessions/:id',
    title: 'Session · PeerPals',
    loadComponent: () => import('@app/features/calendar/session-page').then((m) => m.SessionPage),
  },
  {
    path: 'requests/:id',
    title: 'Request · PeerPals',
    loadComponent: () => import('./request-page').then((m) => m.StudentRequestPage),
  },
];
