import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from '../support';

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
