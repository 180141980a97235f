import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { isISO8601, isUUID } from 'class-validator';
import type { AuthUser } from '../../common/auth/auth-user';
import { Role } from '../../common/auth/role';
import { QuotaService } from './quota.service';

const QUOTA_SUBJECT = 'quotaSubject';

/**
 * Who is being booked: `self` — the calling student, for the current month, with `mentorId` in the
 * body (new requests); `body` — `studentId` and `startsAt` in the body (a mentor scheduling).
 */
type QuotaSubject = 'self' | 'body';

interface Booking {
  studentId: string;
  mentorId: string;
  at: Date;
}

/**
 * A clear, early 429 MONTHLY_QUOTA_EXCEEDED before any write, but only between an assigned pair:
 * to anyone else the quota state is none of their business, and the service refuses them with
 * NOT_ASSIGNED. The services still enforce the quota atomically in the database: a guard alone
 * cannot win a race.
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
    const booking = request.user ? bookingOf(subject, request.user, request.body ?? {}) : null;
    if (booking) await this.quota.assertAvailableForPair(booking.studentId, booking.mentorId, booking.at);
    return true;
  }
}

/** Malformed bodies give no booking: they are left to validation, which runs after guards. */
function bookingOf(subject: QuotaSubject, user: AuthUser, body: Record<string, unknown>): Booking | null {
  if (subject === 'self') {
    const mentorId = body['mentorId'];
    if (user.role !== Role.Student || typeof mentorId !== 'string' || !isUUID(mentorId)) return null;
    return { studentId: user.id, mentorId, at: new Date() };
  }
  const studentId = body['studentId'];
  const startsAt = body['startsAt'];
  if (
    typeof studentId !== 'string' ||
    !isUUID(studentId) ||
    typeof startsAt !== 'string' ||
    !isISO8601(startsAt, { strict: true })
  )
    return null;
  return { studentId, mentorId: user.id, at: new Date(startsAt) };
}

export const QuotaGuarded = (subject: QuotaSubject) =>
  applyDecorators(
    SetMetadata(QUOTA_SUBJECT, subject),
    UseGuards(QuotaGuard),
    ApiTooManyRequestsResponse({ description: 'MONTHLY_QUOTA_EXCEEDED, with Retry-After and the reset instant' }),
  );
