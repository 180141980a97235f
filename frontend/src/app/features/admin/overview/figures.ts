import type { SuppressibleCountDto } from '@app/core/api/models/suppressible-count-dto';
import type { WeekStatusDto } from '@app/core/api/models/week-status-dto';

/**
 * What to show for a count the server withheld: never a guess. A withheld group may be larger than
 * 4, since the server also withholds the figures that would let the small ones be worked out.
 */
export function countText(count: SuppressibleCountDto): string {
  if (count.suppressed) return 'withheld';
  return count.value === null ? '—' : String(count.value);
}

/** Hours as "3.5 h", or "—" when the server withheld the figure (fewer than 5 answers). */
export function hoursText(hours: number | null): string {
  if (hours === null) return '—';
  if (hours >= 48) return `${(hours / 24).toFixed(1)} days`;
  return `${hours} h`;
}

export function weekLabel(weekStart: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }).format(new Date(weekStart));
}

/** "2026-11" as "November 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  return new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

export const WEEK_PARTS: { key: keyof Omit<WeekStatusDto, 'weekStart'>; label: string; colour: string }[] = [
  { key: 'completed', label: 'Completed', colour: '#1b6e3c' },
  { key: 'scheduled', label: 'Scheduled', colour: '#2f5fb3' },
  { key: 'cancelled', label: 'Cancelled', colour: '#b8860b' },
  { key: 'noShow', label: 'No-show', colour: '#b3261e' },
];

export function weekTotal(week: WeekStatusDto): number {
  return WEEK_PARTS.reduce((sum, part) => sum + week[part.key], 0);
}
