import { signal } from '@angular/core';
import { problemMessage } from '@app/core/errors/problem';

export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read page by page with the API's keyset cursors: the first page replaces the list, "load
 * more" appends (skipping ids already shown), and an answer that arrives after a newer reload is
 * dropped. Errors of the first page and of later pages are reported apart.
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
    private readonly fetchPage: (cursor?: string) => Promise<KeysetPage<T>>,
    /** Called with every page that was shown. */
    private readonly onPage?: (items: T[]) => void,
  ) {}

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
      const known = new Set(this.items().map((item) => item.id));
      const added = page.items.filter((item) => !known.has(item.id));
      this.items.update((items) => [...items, ...added]);
      this.nextCursor.set(page.nextCursor);
      this.onPage?.(added);
    } catch (error) {
      if (generation === this.generation) this.moreError.set(problemMessage(error));
    } finally {
      this.loadingMore.set(false);
    }
  }
}
