/**
 * Wall-clock time in an IANA time zone, with nothing but Intl. Every user sees and enters times in
 * their own zone, which need not be the browser's.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in `timeZone` shows at `instant`. */
export function wallClockAt(instant: Date, timeZone: string): WallClock & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of partFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year'],
    month: parts['month'],
    day: parts['day'],
    hour: parts['hour'] % 24,
    minute: parts['minute'],
    second: parts['second'],
  };
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const p = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the wall clock in `timeZone` shows `time`. A time that occurs twice (clocks
 * going back) is the first one; a time that never occurs (clocks going forward) is moved forward by
 * the gap, as a clock that was not changed would read.
 */
export function zonedTimeToUtc(time: WallClock, timeZone: string): Date {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute);
  // Zones change their offset at most once in two days, so these are the only candidates.
  const before = zoneOffsetMs(new Date(asUtc - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(asUtc + DAY_MS), timeZone);
  const matches = [before, after]
    .map((offset) => asUtc - offset)
    .filter((instant) => zoneOffsetMs(new Date(instant), timeZone) === asUtc - instant)
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? asUtc - before);
}

/** `YYYY-MM-DD` and `HH:mm` as typed into date and time inputs, read in `timeZone`. */
export function parseDateAndTime(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = { year: +d[1], month: +d[2], day: +d[3], hour: +t[1], minute: +t[2] };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59)
    return null;
  return zonedTimeToUtc(wall, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of a date input showing `instant` in `timeZone`. */
export function dateInputValue(instant: Date, timeZone: string): string {
  const p = wallClockAt(instant, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** The value of a time input showing `instant` in `timeZone`. */
export function timeInputValue(instant: Date, timeZone: string): string {
  const p = wallClockAt(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A browser-local Date whose fields read like the wall clock in `timeZone` at `instant`. For
 * components that only know the browser's zone (the calendar grid): shift in, then back with
 * {@link fromZonedWallClock}.
 */
export function toZonedWallClock(instant: Date, timeZone: string): Date {
  const p = wallClockAt(instant, timeZone);
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The instant a browser-local Date from {@link toZonedWallClock} stands for. */
export function fromZonedWallClock(local: Date, timeZone: string): Date {
  return zonedTimeToUtc(
    {
      year: local.getFullYear(),
      month: local.getMonth() + 1,
      day: local.getDate(),
      hour: local.getHours(),
      minute: local.getMinutes(),
    },
    timeZone,
  );
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function isSameZonedDay(a: Date, b: Date, timeZone: string): boolean {
  return dateInputValue(a, timeZone) === dateInputValue(b, timeZone);
}
