import { monthKey, nextMonthStart, zonedParts, zonedTimeToUtc } from './zoned';

describe('zoned time', () => {
  it('should put an instant into the month of its local date, not its UTC date', () => {
    // 23:30 UTC on 31 March 2026 is already 00:30 on 1 April in London (BST since 29 March).
    expect(monthKey(new Date('2026-03-31T23:30:00Z'), 'Europe/London')).toBe('2026-04');
    expect(monthKey(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-03');
    // 02:00 UTC on 1 December is still 30 November in New York.
    expect(monthKey(new Date('2026-12-01T02:00:00Z'), 'America/New_York')).toBe('2026-11');
  });

  it('should find the local midnight that starts the next month, across a DST change', () => {
    // London switches to BST on 29 March 2026: April starts at 23:00 UTC on 31 March.
    expect(nextMonthStart(new Date('2026-03-15T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-03-31T23:00:00.000Z',
    );
    // London returns to GMT on 25 October 2026: November starts at 00:00 UTC.
    expect(nextMonthStart(new Date('2026-10-15T12:00:00Z'), 'Europe/London').toISOString()).toBe(
      '2026-11-01T00:00:00.000Z',
    );
    // New York is on EST in December: January starts at 05:00 UTC.
    expect(nextMonthStart(new Date('2026-12-31T23:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2027-01-01T05:00:00.000Z',
    );
    expect(nextMonthStart(new Date('2026-02-10T00:00:00Z'), 'Asia/Kolkata').toISOString()).toBe(
      '2026-02-28T18:30:00.000Z',
    );
  });

  it('should convert wall-clock times on either side of a DST change', () => {
    expect(zonedTimeToUtc(2026, 3, 28, 9, 0, 'Europe/London').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(zonedTimeToUtc(2026, 3, 30, 9, 0, 'Europe/London').toISOString()).toBe('2026-03-30T08:00:00.000Z');
    expect(zonedParts(new Date('2026-03-30T08:00:00Z'), 'America/New_York')).toMatchObject({ day: 30, hour: 4 });
  });
});
