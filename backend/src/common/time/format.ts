const formatters = new Map<string, Intl.DateTimeFormat>();

/** "Thu 3 Dec 2026, 14:00 GMT" in the reader's own time zone. */
export function formatInZone(date: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f.format(date);
}
