import type { SessionDto } from '@app/core/api/models/session-dto';
import { periodInstants, statusSuffix, periodTitle, toSessionEvent, visibleHours } from './calendar-events';

const okafor = {
  id: 'm1',
  displayName: 'Dr. Amara Okafor',
  email: 'o@uni.example',
  role: 'mentor' as const,
  timeZone: 'Europe/London',
  bio: null,
};
const aisha = {
  id: 's1',
  displayName: 'Aisha <b>Rahman</b>',
  email: 'a@uni.example',
  role: 'student' as const,
  timeZone: 'America/New_York',
  bio: null,
};

function aSession(overrides: Partial<SessionDto> = {}): SessionDto {
  return {
    id: 'x1',
    status: 'scheduled',
    startsAt: '2026-12-03T10:00:00.000Z',
    endsAt: '2026-12-03T11:00:00.000Z',
    mentor: okafor,
    student: aisha,
    agenda: null,
    location: null,
    meetingUrl: null,
    cancelReason: null,
    cancelledAt: null,
    cancelledBy: null,
    countsTowardsQuota: true,
    requestId: null,
    sequence: 0,
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    ...overrides,
  };
}

describe('calendar events', () => {
  const now = new Date('2026-11-27T12:00:00Z');

  it('should place a session at the viewer’s wall-clock time', () => {
    const event = toSessionEvent(aSession(), 'student', 'America/New_York', now);
    expect([event.start.getDate(), event.start.getHours(), event.end?.getHours()]).toEqual([3, 5, 6]);
  });

  it('should let only the mentor drag a future scheduled session', () => {
    expect(toSessionEvent(aSession(), 'mentor', 'Europe/London', now).draggable).toBe(true);
    expect(toSessionEvent(aSession(), 'student', 'Europe/London', now).draggable).toBe(false);
    expect(toSessionEvent(aSession({ status: 'cancelled' }), 'mentor', 'Europe/London', now).draggable).toBe(false);
  });

  it('should name the other person and the status, as text the grid cannot run as HTML', () => {
    const event = toSessionEvent(aSession({ status: 'no_show' }), 'mentor', 'Europe/London', now);
    expect(event.title).toBe('Aisha &#60;b&#62;Rahman&#60;/b&#62; (no-show)');
    expect(event.cssClass).toContain('pp-event--no_show');
    expect(statusSuffix(aSession())).toBe('');
    expect(statusSuffix(aSession({ status: 'cancelled' }))).toBe(' (cancelled)');
  });

  it('should ask for whole days of the period in the viewer’s zone', () => {
    const viewDate = new Date(2026, 11, 3);
    expect(periodInstants('day', viewDate, 'America/New_York')).toEqual({
      from: '2026-12-03T05:00:00.000Z',
      to: '2026-12-04T05:00:00.000Z',
    });
    expect(periodInstants('week', viewDate, 'Europe/London')).toEqual({
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-07T00:00:00.000Z',
    });
    expect(periodInstants('month', viewDate, 'Europe/London')).toEqual({
      from: '2026-11-30T00:00:00.000Z',
      to: '2027-01-04T00:00:00.000Z',
    });
  });

  it('should title each period', () => {
    const viewDate = new Date(2026, 11, 3);
    expect(periodTitle('month', viewDate)).toBe('December 2026');
    expect(periodTitle('week', viewDate)).toBe('30 Nov – 6 Dec 2026');
    expect(periodTitle('day', viewDate)).toBe('Thursday 3 December 2026');
  });

  it('should widen the visible hours to fit early and late sessions', () => {
    const early = toSessionEvent(
      aSession({ startsAt: '2026-12-03T06:30:00.000Z', endsAt: '2026-12-03T07:00:00.000Z' }),
      'mentor',
      'Europe/London',
      now,
    );
    const late = toSessionEvent(
      aSession({ startsAt: '2026-12-03T21:00:00.000Z', endsAt: '2026-12-03T22:30:00.000Z' }),
      'mentor',
      'Europe/London',
      now,
    );
    expect(visibleHours([early, late])).toEqual({ start: 6, end: 23 });
  });
});
