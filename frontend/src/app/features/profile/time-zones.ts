/** The IANA time zones this browser knows, plus `current` when the browser lists it under another name (e.g. UTC). */
export function timeZoneNames(current?: string | null): string[] {
  const names = Intl.supportedValuesOf('timeZone');
  return current && !names.includes(current) ? [current, ...names].sort() : names;
}

/** Zones matching what the user typed: any part of the name, spaces and underscores alike ("new york"). */
export function matchTimeZones(names: readonly string[], query: string, limit = 50): string[] {
  const needle = query
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '_');
  const matches = needle ? names.filter((name) => name.toLowerCase().includes(needle)) : names;
  return matches.slice(0, limit);
}
