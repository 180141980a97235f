export type Role = 'student' | 'mentor' | 'admin';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  timeZone: string;
}

export interface AuthSession {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}
