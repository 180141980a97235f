import type { SessionDto } from '@app/core/api/models/session-dto';
import { cancellationRefundsQuota, cancelNotice } from './cancel-warning';

describe('cancel warning', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const student = {
    id: 's1',
    displayName: 'Aisha Rahman',
    email: 'a@uni.example',
    role: 'student' as const,
    timeZone: 'Europe/London',
    bio: null,
  };
  const startingIn = (hours: number): Pick<SessionDto, 'startsAt' | 'countsTowardsQuota' | 'student'> => ({
    startsAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    countsTowardsQuota: true,
    student,
  });

  it('should refund a student who cancels 24 hours or more ahead', () => {
    expect(cancellationRefundsQuota(startingIn(24), 'student', now)).toBe(true);
    expect(cancelNotice(startingIn(48), 'student', now)).toEqual({
      kind: 'info',
      text: 'You get this session back in your monthly allowance.',
    });
  });

  it('should warn a student who cancels less than 24 hours ahead that the session is not given back', () => {
    expect(cancellationRefundsQuota(startingIn(23.9), 'student', now)).toBe(false);
    const notice = cancelNotice(startingIn(3), 'student', now);
    expect(notice?.kind).toBe('warning');
    expect(notice?.text).toContain('starts in less than 24 hours');
    expect(notice?.text).toContain('you do not get it back');
  });

  it('should always refund when the mentor cancels', () => {
    expect(cancellationRefundsQuota(startingIn(1), 'mentor', now)).toBe(true);
    expect(cancelNotice(startingIn(1), 'mentor', now)?.text).toBe(
      'Aisha Rahman gets this session back in their monthly allowance.',
    );
  });

  it('should say nothing about the allowance for a session that does not count', () => {
    expect(cancelNotice({ ...startingIn(1), countsTowardsQuota: false }, 'student', now)).toBeNull();
  });

  it('should follow another cancellation window', () => {
    expect(cancellationRefundsQuota(startingIn(30), 'student', now, 48)).toBe(false);
  });
});
