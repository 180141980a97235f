import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { isISO8601, isUUID } from 'class-validator';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../users/role';
import { QuotaService } from './quota.service';

const QUOTA_SUBJECT = 'quotaSubject';

/**
 * Who is being booked: `self` — the calling student, for the current month (new requests);
 * `body` — `studentId` and `startsAt` in the body (a mentor scheduling a session).
 */
type QuotaSubject = 'self' | 'body';

/**
 * A clear, early 429 MONTHLY_QUOTA_EXCEEDED before any write. The services still enforce the
 * quota atomically in the database: a guard alone cannot win a race.
 */
@Injectable()
export class QuotaGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly quota: QuotaService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const subject = this.reflector.get<QuotaSubject>(QUOTA_SUBJECT, context.getHandler());
    const request = context.switchToHttp().getRequest<{ user?: AuthUser; body?: Record<string, unknown> }>();
    if (subject === 'self') {
      if (request.user?.role === Role.Student) await this.quota.assertAvailable(request.user.id, new Date());
      return true;
    }
    const studentId = request.body?.['studentId'];
    const startsAt = request.body?.['startsAt'];
    // Malformed bodies are left to validation, which runs after guards.
    if (typeof studentId === 'string' && isUUID(studentId) && typeof startsAt === 'string' && isISO8601(startsAt, { strict: true })) {
      await this.quota.assertAvailable(studentId, new Date(startsAt));
    }
    return true;
  }
}

export const QuotaGuarded = (subject: QuotaSubject) =>
  applyDecorators(
    SetMetadata(QUOTA_SUBJECT, subject),
    UseGuards(QuotaGuard),
    ApiTooManyRequestsResponse({ description: 'MONTHLY_QUOTA_EXCEEDED, with Retry-After and the reset instant' }),
  );
