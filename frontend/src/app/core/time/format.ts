import { wallClockAt } from './zoned-time';

// One locale for every date the portal writes, so sentences read the same for everyone.
const LOCALE = 'en-GB';

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(instant: Date | string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter.format(date);
}

/** "14:05" */
export function formatTime(instant: Date | string, timeZone: string): string {
  return format(instant, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** "4 Dec" */
export function formatDayMonth(instant: Date | string, timeZone: string): string {
  return format(instant, timeZone, { day: 'numeric', month: 'short' });
}

/** "1 December" */
export function formatDayLongMonth(instant: Date | string, timeZone: string): string {
  return format(instant, timeZone, { day: 'numeric', month: 'long' });
}

/** "Tuesday 1 December 2026" */
export function formatLongDate(instant: Date | string, timeZone: string): string {
  return format(instant, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).replace(
    ',',
    '',
  );
}

/** "Tue 1 Dec 2026" */
export function formatShortDate(instant: Date | string, timeZone: string): string {
  return format(instant, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).replace(
    ',',
    '',
  );
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/** "GMT", "BST", "GMT-5": the zone's short name at that instant. */
export function zoneAbbreviation(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // A formatter is costly to create and every session in a list asks: one per zone.
  let formatter = zoneNameFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE, { timeZone, timeZoneName: 'short' });
    zoneNameFormatters.set(timeZone, formatter);
  }
  return formatter.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** "Tue 1 Dec 2026, 14:00 GMT" */
export function formatDateTime(instant: Date | string, timeZone: string): string {
  return `${formatShortDate(instant, timeZone)}, ${formatTime(instant, timeZone)} ${zoneAbbreviation(instant, timeZone)}`.trim();
}

/** "Tue 1 Dec 2026, 14:00–15:00 GMT"; an end on another day is written in full. */
export function formatTimeRange(start: Date | string, end: Date | string, timeZone: string): string {
  const sameDay = formatShortDate(start, timeZone) === formatShortDate(end, timeZone);
  const zone = zoneAbbreviation(start, timeZone);
  return sameDay
    ? `${formatShortDate(start, timeZone)}, ${formatTime(start, timeZone)}–${formatTime(end, timeZone)} ${zone}`.trim()
    : `${formatDateTime(start, timeZone)} – ${formatDateTime(end, timeZone)}`;
}

/** "November" for the quota month key "2026-11". */
export function monthName(monthKey: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(monthKey);
  if (!match) return monthKey;
  return format(new Date(Date.UTC(+match[1], +match[2] - 1, 15)), 'UTC', { month: 'long' });
}

/** "1 December", or "1 December, 19:00" when the instant is not a midnight in that zone. */
export function formatResetDate(instant: Date | string, timeZone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const wall = wallClockAt(date, timeZone);
  const day = formatDayLongMonth(date, timeZone);
  return wall.hour === 0 && wall.minute === 0 ? day : `${day}, ${formatTime(date, timeZone)}`;
}

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: 'auto' });

/** "3 hours ago", "yesterday", "2 days ago" */
export function formatAge(instant: Date | string, now: Date = new Date()): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const minutes = Math.round((date.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 1) return 'just now';
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}
