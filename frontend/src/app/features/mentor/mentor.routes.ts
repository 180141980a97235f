import { Routes } from '@angular/router';
import { MentorDashboard } from './mentor-dashboard';

export const routes: Routes = [{ path: '', title: 'Your students · PeerPals', component: MentorDashboard }];
