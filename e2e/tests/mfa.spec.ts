import { expect, test } from '@playwright/test';
import { apiSignIn, demo, expectNoSeriousA11yViolations, signIn } from '../support';
import { totpCode, totpStep } from '../../backend/src/modules/mfa/totp';

test.describe.configure({ timeout: 90_000 });

const PASSWORD = 'a-long-admin-passphrase-for-mfa';

test('an admin sets up two-step sign-in in the profile and then signs in with a code', async ({ page, request }) => {
  // A new admin of their own, so the demo admin that other tests use keeps signing in with a password.
  const headers = { Authorization: `Bearer ${(await apiSignIn(request, demo('admin'))).token}` };
  const email = `mfa.admin.${Date.now()}@uni.example`;
  const created = await request.post('/api/v1/admin/users', {
    headers,
    data: { email, displayName: 'Mfa Admin', role: 'admin' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const token = new URL(((await created.json()) as { invitationUrl: string }).invitationUrl).searchParams.get('token');
  expect((await request.post('/api/v1/auth/invitations/accept', { data: { token, password: PASSWORD } })).ok()).toBe(
    true,
  );

  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/profile');
  await expect(page.getByRole('heading', { level: 2, name: 'Two-step sign-in' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const secret = (await page.getByLabel('Key for entering by hand').innerText()).replace(/\s/g, '');
  const step = totpStep();
  await page.getByLabel('Code from the app').fill(totpCode(secret, step));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByText('They are shown only this once.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'I have saved my codes' }).click();
  await expect(page.getByText('You have 10 unused recovery codes.')).toBeVisible();

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email, PASSWORD);
  const code = page.getByLabel('Code', { exact: true });
  await expect(code).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await code.fill('000000' === totpCode(secret, step + 1) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  // The code that turned it on is spent; the next one signs in.
  await code.fill(totpCode(secret, step + 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/admin$/);
});
