/** A `YYYY-MM-DD` day from a native date input, as the instant its day starts in the viewer's zone. */
export function startOfDay(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d).toISOString();
}

/** The instant after the last moment of the day, so a range "to 3 May" includes 3 May. */
export function endOfDay(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + 1).toISOString();
}

export function dayInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Leaves out empty values so the query string only says what the user asked for. */
export function compact<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as Partial<T>;
}

/** What is wrong with a from/to pair of days, as a sentence, or ''. */
export function rangeError(from: string, to: string, required: boolean, maxDays: number): string {
  if (required && (!from || !to)) return 'Choose both a first and a last day.';
  if (from && to && to < from) return 'The last day must not be before the first day.';
  if (from && to && (Date.parse(to) - Date.parse(from)) / 86_400_000 >= maxDays)
    return `Choose at most ${maxDays} days.`;
  return '';
}
