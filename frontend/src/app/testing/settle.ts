import { TestBed } from '@angular/core/testing';

/**
 * Runs change detection and lets answered requests reach the page. Unlike `whenStable()` it does not
 * wait for resources still loading, so a test can look at the page while some answers are held back.
 */
export async function settle(): Promise<void> {
  TestBed.tick();
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}
