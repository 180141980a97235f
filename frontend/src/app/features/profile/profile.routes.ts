import { Routes } from '@angular/router';
import { Profile } from './profile';

export const routes: Routes = [{ path: '', title: 'Your profile · PeerPals', component: Profile }];
