import { signal } from '@angular/core';
import { problemMessage } from '@app/core/errors/problem';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor?: string) => Promise<KeysetPage<T>>;

/**
 * A list read page by page with the API's keyset cursors: the first page replaces the list, "load
 * more" appends (skipping ids already shown, since rows added or moved live may come again in a later
 * page), and an answer that arrives after a newer reload is dropped. Errors of the first page and of
 * later pages are reported apart. Rows can be changed in place, added at the top or at the end.
 */
export class KeysetList<T extends { id: string }> {
  readonly items = signal<T[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(true);
  readonly loadingMore = signal(false);
  readonly error = signal('');
  readonly moreError = signal('');

  private generation = 0;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    /** Called with every page that was shown. */
    private readonly onPage?: (items: T[]) => void,
  ) {}

  /** Whether the first page is on screen (not loading, not failed). */
  ready(): boolean {
    return !this.loading() && !this.error();
  }

  async reload(): Promise<void> {
    const generation = ++this.generation;
    this.loading.set(true);
    this.error.set('');
    this.moreError.set('');
    try {
      const page = await this.fetchPage();
      if (generation !== this.generation) return;
      this.items.set(page.items);
      this.nextCursor.set(page.nextCursor);
      this.onPage?.(page.items);
    } catch (error) {
      if (generation !== this.generation) return;
      this.items.set([]);
      this.nextCursor.set(null);
      this.error.set(problemMessage(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    const generation = this.generation;
    this.loadingMore.set(true);
    this.moreError.set('');
    try {
      const page = await this.fetchPage(cursor);
      if (generation !== this.generation) return;
      const added = this.append(page.items);
      this.nextCursor.set(page.nextCursor);
      this.onPage?.(added);
    } catch (error) {
      if (generation === this.generation) this.moreError.set(problemMessage(error));
    } finally {
      this.loadingMore.set(false);
    }
  }

  find(id: string): T | undefined {
    return this.items().find((item) => item.id === id);
  }

  /** Puts the new version of a row where the old one was. */
  replace(row: T): void {
    this.items.update((items) => items.map((item) => (item.id === row.id ? row : item)));
  }

  /** Shows a row first, taking it out of where it was. */
  prepend(row: T): void {
    this.items.update((items) => [row, ...items.filter((item) => item.id !== row.id)]);
  }

  /** Adds rows at the end, skipping those already shown; returns the ones added. */
  append(rows: T[]): T[] {
    const known = new Set(this.items().map((item) => item.id));
    const added = rows.filter((row) => !known.has(row.id));
    this.items.update((items) => [...items, ...added]);
    return added;
  }
}

/** Every page of a list, for the few places that need all of it (a calendar range, one user's assignments). */
export async function allPages<T>(fetchPage: FetchPage<T>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
