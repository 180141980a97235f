import type { AuthSessionDto } from '@app/core/api/models/auth-session-dto';
import type { Role as ApiRole } from '@app/core/api/models/role';
import type { UserDto } from '@app/core/api/models/user-dto';

// The generated API models are the source of truth, so the portal and the server cannot drift.
export type Role = ApiRole;
export type SessionUser = UserDto;
export type AuthSession = AuthSessionDto;
