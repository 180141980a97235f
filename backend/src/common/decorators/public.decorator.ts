import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'isPublic';

/** Marks a route that needs no authentication. Every other route requires a signed-in user. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
