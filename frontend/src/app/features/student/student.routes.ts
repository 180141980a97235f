import { Routes } from '@angular/router';
import { StudentDashboard } from './student-dashboard';

export const routes: Routes = [{ path: '', title: 'Your mentoring · PeerPals', component: StudentDashboard }];
