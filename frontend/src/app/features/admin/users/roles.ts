import type { Role } from '@app/core/api/models/role';

export const ROLE_LABELS: Record<Role, string> = { student: 'Student', mentor: 'Mentor', admin: 'Admin' };
export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }));

// Mirrors the limits of CreateUserDto / UpdateUserDto on the server.
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 500;
export const QUOTA_MIN = 0;
export const QUOTA_MAX = 31;
