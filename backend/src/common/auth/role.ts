export enum Role {
  Student = 'student',
  Mentor = 'mentor',
  Admin = 'admin',
}

export const ROLES = Object.values(Role);
