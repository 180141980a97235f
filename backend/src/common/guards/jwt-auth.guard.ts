import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { isDatabaseUnavailable } from '../errors/to-problem';

/**
 * Global guard: every route requires a valid access token unless it is marked `@Public()`.
 * Fails closed: anything but a verified, current token is a 401.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    // A database that cannot answer is the service's failure (503), not the caller's: never a sign-out.
    if (isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new UnauthorizedException('Sign in to continue.');
    return user;
  }
}
