import { ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { StreamTicketsService } from './stream-tickets.service';

/** The event stream accepts a single-use ticket (`?ticket=`) or, for fetch-based clients, a bearer token. */
@Injectable()
export class StreamAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly tickets: StreamTicketsService) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown>; user?: unknown }>();
    const ticket = request.query?.['ticket'];
    if (typeof ticket === 'string' && ticket.length > 0) {
      const user = await this.tickets.redeem(ticket);
      if (!user) throw new UnauthorizedException('The stream ticket is not valid; request a new one.');
      request.user = user;
      return true;
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error || !user) throw new UnauthorizedException('Sign in to continue.');
    return user;
  }
}
