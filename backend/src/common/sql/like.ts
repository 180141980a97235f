/** `!` as the LIKE escape character: it means the same on MySQL and SQLite (a backslash does not). */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (c) => `!${c}`);
}
