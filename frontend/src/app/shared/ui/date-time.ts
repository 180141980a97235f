import { inject, Pipe, PipeTransform } from '@angular/core';
import { AuthStore } from '@app/core/auth/auth-store';

/** "27 Nov 2026, 14:05 GMT" in the given IANA zone (the browser's when it is unknown). */
export function formatDateTime(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return (
      new Intl.DateTimeFormat(undefined, { ...options, timeZone: timeZone ?? undefined }).format(date) +
      zoneSuffix(date, timeZone)
    );
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

function zoneSuffix(date: Date, timeZone?: string | null): string {
  const zone = new Intl.DateTimeFormat(undefined, { timeZone: timeZone ?? undefined, timeZoneName: 'short' })
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  return zone ? ` ${zone}` : '';
}

/** Shows an instant in the signed-in user's time zone. */
@Pipe({ name: 'ppDateTime' })
export class DateTimePipe implements PipeTransform {
  private readonly auth = inject(AuthStore);

  transform(iso: string | null | undefined): string {
    return iso ? formatDateTime(iso, this.auth.user()?.timeZone) : '';
  }
}
