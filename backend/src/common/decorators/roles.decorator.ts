import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { Role } from '../auth/role';

export const ROLES_KEY = 'roles';

/** Restricts a route (or controller) to the given roles; others get 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiForbiddenResponse({ description: `Only for: ${roles.join(', ')}` }),
  );
