// What the browser tests share: the demo accounts, signing in, dialogs and the accessibility scan.
import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, expect, Locator, Page } from '@playwright/test';

export const DEMO_PASSWORD = 'peerpals-demo-2026';

/** A demo account's email, e.g. `demo('student1')`. */
export const demo = (name: string): string => `${name}@demo.peerpals.test`;

export interface Identity {
  id: string;
  email: string;
  displayName: string;
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the API, as an integrating client would. */
export async function apiSignIn(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ token: string; user: Identity }> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  const { accessToken, user } = (await response.json()) as { accessToken: string; user: Identity };
  return { token: accessToken, user };
}

export const mainNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' });

/**
 * Clicks what opens a dialog and returns the dialog once focus is inside it. The portal's dialogs
 * move focus to their first field when the opening animation ends; typing before then can be
 * split between two fields, as a person would not do once they see the cursor.
 */
export async function openDialog(trigger: Locator, name: string | RegExp): Promise<Locator> {
  await trigger.click();
  const dialog = trigger.page().getByRole('dialog', { name });
  await expect(dialog.locator(':focus'), `focus inside the "${String(name)}" dialog`).toHaveCount(1, {
    timeout: 15_000,
  });
  return dialog;
}

export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
