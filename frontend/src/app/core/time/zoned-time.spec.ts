import {
  dateInputValue,
  fromZonedWallClock,
  parseDateAndTime,
  timeInputValue,
  toZonedWallClock,
  wallClockAt,
  zonedTimeToUtc,
} from './zoned-time';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';

function at(date: string, time: string, zone: string): string {
  return parseDateAndTime(date, time, zone)!.toISOString();
}

function wall(iso: string, zone: string): string {
  const date = new Date(iso);
  return `${dateInputValue(date, zone)} ${timeInputValue(date, zone)}`;
}

describe('zonedTimeToUtc', () => {
  it('should read 09:00 in London as 04:00 in New York in winter', () => {
    const instant = at('2026-01-15', '09:00', LONDON);
    expect(instant).toBe('2026-01-15T09:00:00.000Z');
    expect(wall(instant, NEW_YORK)).toBe('2026-01-15 04:00');
  });

  it('should read 09:00 in London as 04:00 in New York in summer', () => {
    const instant = at('2026-07-15', '09:00', LONDON);
    expect(instant).toBe('2026-07-15T08:00:00.000Z');
    expect(wall(instant, NEW_YORK)).toBe('2026-07-15 04:00');
  });

  it('should go the other way: 04:00 in New York is 09:00 in London', () => {
    expect(wall(at('2026-01-15', '04:00', NEW_YORK), LONDON)).toBe('2026-01-15 09:00');
    expect(wall(at('2026-07-15', '04:00', NEW_YORK), LONDON)).toBe('2026-07-15 09:00');
  });

  it('should keep the weeks when America has changed its clocks and Europe has not', () => {
    // 2026: the US springs forward on 8 March, the UK on 29 March.
    expect(wall(at('2026-03-16', '09:00', LONDON), NEW_YORK)).toBe('2026-03-16 05:00');
    // ...and falls back on 1 November, a week after the UK (25 October).
    expect(wall(at('2026-10-28', '09:00', LONDON), NEW_YORK)).toBe('2026-10-28 05:00');
  });

  it('should read times on both sides of a clock change with the right offset', () => {
    expect(at('2026-03-29', '00:30', LONDON)).toBe('2026-03-29T00:30:00.000Z');
    expect(at('2026-03-29', '03:00', LONDON)).toBe('2026-03-29T02:00:00.000Z');
    expect(at('2026-10-25', '00:30', LONDON)).toBe('2026-10-24T23:30:00.000Z');
    expect(at('2026-10-25', '02:30', LONDON)).toBe('2026-10-25T02:30:00.000Z');
  });

  it('should move a time skipped when the clocks go forward on by the gap', () => {
    // 01:30 does not exist in London on 29 March 2026; a clock left alone would read 02:30 BST.
    expect(at('2026-03-29', '01:30', LONDON)).toBe('2026-03-29T01:30:00.000Z');
    expect(wall(at('2026-03-29', '01:30', LONDON), LONDON)).toBe('2026-03-29 02:30');
    expect(wall(at('2026-03-08', '02:30', NEW_YORK), NEW_YORK)).toBe('2026-03-08 03:30');
  });

  it('should take the first of a time that happens twice when the clocks go back', () => {
    expect(at('2026-10-25', '01:30', LONDON)).toBe('2026-10-25T00:30:00.000Z');
    expect(at('2026-11-01', '01:30', NEW_YORK)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('should handle zones east of Greenwich and half-hour offsets', () => {
    expect(zonedTimeToUtc({ year: 2026, month: 6, day: 1, hour: 9, minute: 0 }, 'Asia/Kolkata').toISOString()).toBe(
      '2026-06-01T03:30:00.000Z',
    );
    expect(zonedTimeToUtc({ year: 2026, month: 1, day: 1, hour: 0, minute: 0 }, 'Australia/Sydney').toISOString()).toBe(
      '2025-12-31T13:00:00.000Z',
    );
  });
});

describe('parseDateAndTime', () => {
  it('should refuse what a date or time input would not produce', () => {
    expect(parseDateAndTime('', '09:00', LONDON)).toBeNull();
    expect(parseDateAndTime('2026-13-01', '09:00', LONDON)).toBeNull();
    expect(parseDateAndTime('2026-12-01', '9am', LONDON)).toBeNull();
  });
});

describe('wallClockAt', () => {
  it('should give midnight as hour 0', () => {
    expect(wallClockAt(new Date('2026-12-01T00:00:00Z'), LONDON)).toMatchObject({ day: 1, hour: 0, minute: 0 });
  });
});

describe('toZonedWallClock and fromZonedWallClock', () => {
  it('should show an instant at the viewer’s wall-clock time whatever the browser’s zone, and read it back', () => {
    const instant = new Date('2026-07-15T08:00:00Z');
    const shown = toZonedWallClock(instant, NEW_YORK);
    expect([shown.getFullYear(), shown.getMonth() + 1, shown.getDate(), shown.getHours(), shown.getMinutes()]).toEqual([
      2026, 7, 15, 4, 0,
    ]);
    expect(fromZonedWallClock(shown, NEW_YORK).toISOString()).toBe(instant.toISOString());
  });

  it('should read a slot picked in the grid as a time in the viewer’s zone', () => {
    const slot = new Date(2026, 0, 15, 9, 0);
    expect(fromZonedWallClock(slot, LONDON).toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(fromZonedWallClock(slot, NEW_YORK).toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });
});
