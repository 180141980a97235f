import { Routes } from '@angular/router';
import { AdminDashboard } from './admin-dashboard';

export const routes: Routes = [{ path: '', title: 'Programme overview · PeerPals', component: AdminDashboard }];
