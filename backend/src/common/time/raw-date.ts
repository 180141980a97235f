/** Raw rows carry DATETIME as a Date (mysql2) or as 'YYYY-MM-DD HH:MM:SS.mmm' UTC text (SQLite). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
