import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '../auth/role';
import { Roles } from './roles.decorator';

/** Documents (and, with roles, restricts) a route that needs a signed-in user. */
export const Authenticated = (...roles: Role[]) =>
  applyDecorators(
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or revoked access token' }),
    ...(roles.length > 0 ? [Roles(...roles)] : []),
  );
