import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    title: 'Discussions · PeerPals',
    loadComponent: () => import('./board/discussion-board').then((m) => m.DiscussionBoard),
  },
  {
    path: 'new',
    title: 'Start a discussion · PeerPals',
    loadComponent: () => import('./new-thread/new-thread').then((m) => m.NewThread),
  },
  {
    path: ':id',
    title: 'Discussion · PeerPals',
    loadComponent: () => import('./thread/thread-page').then((m) => m.ThreadPage),
  },
];
