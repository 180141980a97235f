import { expect, test } from '@playwright/test';
import { apiSignIn, demo, expectNoSeriousA11yViolations, mainNav, signIn } from '../support';

test.describe.configure({ timeout: 90_000 });

test('a session a mentor schedules appears on the open admin board without a reload', async ({ page, request }) => {
  await signIn(page, demo('admin'));
  await expect(page).toHaveURL(/\/admin$/);
  await mainNav(page).getByRole('link', { name: 'Live board' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Live board' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Live: changes appear as they happen.' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Sessions' })).toHaveAttribute('aria-selected', 'true');

  const { token } = await apiSignIn(request, demo('mentor1'));
  const headers = { Authorization: `Bearer ${token}` };
  const students = (await (await request.get('/api/v1/me/students', { headers })).json()) as {
    student: { id: string; email: string; displayName: string };
  }[];
  const student1 = students.find((s) => s.student.email === demo('student1'))!.student;

  // A quiet hour about six weeks ahead, away from the demo programme's sessions.
  const startsAt = new Date(Date.now() + 42 * 86_400_000);
  startsAt.setUTCHours(6 + Math.floor(Math.random() * 3), 0, 0, 0);
  const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
  const created = await request.post('/api/v1/sessions', {
    headers,
    data: { studentId: student1.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
  });
  expect(created.status(), await created.text()).toBe(201);
  const session = (await created.json()) as { id: string };

  const details = page.locator(`[id="open-${session.id}"]`);
  await expect(details).toBeVisible();
  const row = page.getByRole('row').filter({ has: details });
  await expect(row).toContainText(student1.displayName);
  await expect(row).toContainText('Scheduled');

  await details.click();
  await expect(page.getByRole('heading', { level: 2, name: 'Session', exact: true })).toBeFocused();

  // A change to a row already on screen is applied in place.
  const cancelled = await request.post(`/api/v1/sessions/${session.id}/cancel`, {
    headers,
    data: { reason: 'E2E clean-up' },
  });
  expect(cancelled.ok(), await cancelled.text()).toBe(true);
  await expect(row).toContainText('Cancelled');
});

test('the admin oversight pages have no serious accessibility problems', async ({ page }) => {
  await signIn(page, demo('admin'));
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 2, name: 'At a glance' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Sessions per week' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await mainNav(page).getByRole('link', { name: 'Live board' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Live board' })).toBeVisible();
  await expect(page.getByText('Loading sessions…')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await mainNav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Programme settings' })).toBeVisible();
  await expect(page.getByLabel('Monthly session quota')).not.toHaveValue('');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();

  await mainNav(page).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText('Loading the audit log…')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByLabel('Action').fill('settings.updated');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Settings changed' }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
