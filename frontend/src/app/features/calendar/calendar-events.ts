import type { CalendarEvent } from 'angular-calendar';
import {
  addDays,
  addMonths,
  addWeeks,
  endOfDay,
  endOfMonth,
  endOfWeek,
  startOfDay,
  startOfMonth,
  startOfWeek,
} from 'date-fns';
import type { SessionDto } from '@app/core/api/models/session-dto';
import { fromZonedWallClock, toZonedWallClock } from '@app/core/time/zoned-time';
import { otherParty, SESSION_STATUS_LABELS, Viewer } from './session-status';

export type CalendarMode = 'month' | 'week' | 'day';
export const CALENDAR_MODES: readonly CalendarMode[] = ['month', 'week', 'day'];
export const WEEK_STARTS_ON = 1;

export type SessionEvent = CalendarEvent<SessionDto>;

// The grid renders titles as HTML.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A session as a calendar event. The grid only knows the browser's zone, so start and end are
 * shifted to read like the viewer's wall clock.
 */
export function toSessionEvent(
  session: SessionDto,
  viewer: Viewer,
  timeZone: string,
  now: Date = new Date(),
): SessionEvent {
  const start = new Date(session.startsAt);
  const name = otherParty(session, viewer).displayName;
  const status = statusSuffix(session);
  const movable = viewer === 'mentor' && session.status === 'scheduled' && start.getTime() > now.getTime();
  return {
    id: session.id,
    start: toZonedWallClock(start, timeZone),
    end: toZonedWallClock(new Date(session.endsAt), timeZone),
    title: escapeHtml(`${name}${status}`),
    cssClass: `pp-event pp-event--${session.status}`,
    draggable: movable,
    meta: session,
  };
}

/** " (cancelled)" after a session's title, nothing for a scheduled one: status is never told by colour alone. */
export function statusSuffix(session: SessionDto): string {
  return session.status === 'scheduled' ? '' : ` (${SESSION_STATUS_LABELS[session.status].toLowerCase()})`;
}

/** The wall-clock period a view shows (browser-local dates, as the grid uses them). */
export function visiblePeriod(mode: CalendarMode, viewDate: Date): { start: Date; end: Date } {
  switch (mode) {
    case 'month':
      return {
        start: startOfWeek(startOfMonth(viewDate), { weekStartsOn: WEEK_STARTS_ON }),
        end: endOfWeek(endOfMonth(viewDate), { weekStartsOn: WEEK_STARTS_ON }),
      };
    case 'week':
      return {
        start: startOfWeek(viewDate, { weekStartsOn: WEEK_STARTS_ON }),
        end: endOfWeek(viewDate, { weekStartsOn: WEEK_STARTS_ON }),
      };
    case 'day':
      return { start: startOfDay(viewDate), end: endOfDay(viewDate) };
  }
}

/** The instants to ask the API for, so that the period is complete in the viewer's zone. */
export function periodInstants(mode: CalendarMode, viewDate: Date, timeZone: string): { from: string; to: string } {
  const { start, end } = visiblePeriod(mode, viewDate);
  return {
    from: fromZonedWallClock(start, timeZone).toISOString(),
    to: fromZonedWallClock(addDays(startOfDay(end), 1), timeZone).toISOString(),
  };
}

export function shiftPeriod(mode: CalendarMode, viewDate: Date, steps: number): Date {
  switch (mode) {
    case 'month':
      return addMonths(viewDate, steps);
    case 'week':
      return addWeeks(viewDate, steps);
    case 'day':
      return addDays(viewDate, steps);
  }
}

/** "December 2026", "30 Nov – 6 Dec 2026", "Thursday 3 December 2026". */
export function periodTitle(mode: CalendarMode, viewDate: Date): string {
  const format = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', options).format(date);
  switch (mode) {
    case 'month':
      return format(viewDate, { month: 'long', year: 'numeric' });
    case 'week': {
      const { start, end } = visiblePeriod('week', viewDate);
      const sameYear = start.getFullYear() === end.getFullYear();
      return `${format(start, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) })} – ${format(end, { day: 'numeric', month: 'short', year: 'numeric' })}`;
    }
    case 'day':
      return format(viewDate, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).replace(',', '');
  }
}

/** `YYYY-MM-DD` of a browser-local date, for the URL. */
export function dateKey(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function parseDateKey(key: string | undefined | null): Date | null {
  const match = key ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(key) : null;
  if (!match) return null;
  const date = new Date(+match[1], +match[2] - 1, +match[3]);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The hours the week and day grids show: office hours, widened to fit every session. */
export function visibleHours(events: SessionEvent[]): { start: number; end: number } {
  let start = 8;
  let end = 20;
  for (const event of events) {
    start = Math.min(start, event.start.getHours());
    const endHour = event.end
      ? event.end.getDate() !== event.start.getDate()
        ? 24
        : event.end.getHours() + (event.end.getMinutes() > 0 ? 1 : 0)
      : start + 1;
    end = Math.max(end, endHour);
  }
  return { start, end: Math.min(end, 24) };
}
