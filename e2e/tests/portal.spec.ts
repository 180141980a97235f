import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('the portal loads and sends a signed-out visitor to sign in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByLabel('Email')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('a deep link survives a reload', async ({ page }) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fadmin/);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fadmin/);
  await expect(page.getByLabel('Email')).toBeVisible();
});

test('an unknown page shows the not-found page, also after reload', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: /not found/i })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /not found/i })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test('unknown API paths stay JSON problems', async ({ request }) => {
  const res = await request.get('/api/v1/no-such-route');
  expect(res.status()).toBe(404);
  expect(res.headers()['content-type']).toContain('application/problem+json');
  expect((await res.json()).code).toBe('NOT_FOUND');
});
