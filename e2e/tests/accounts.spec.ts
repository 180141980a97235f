import { expect as baseExpect, test } from '@playwright/test';
import { demo, DEMO_PASSWORD, expectNoSeriousA11yViolations, mainNav, openDialog, signIn } from '../support';

// Each test drives several pages (and axe scans); on a busy machine that takes well over the
// default 30 s per test and 5 s per expectation.
test.describe.configure({ timeout: 90_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

test('an admin creates a student, who opens the invitation, chooses a password and lands on their dashboard', async ({
  page,
  browser,
}) => {
  const email = `e2e-student-${Date.now()}@uni.example`;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);

  await signIn(page, demo('admin'));
  await expect(page).toHaveURL(/\/admin$/);
  await mainNav(page).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  const dialog = await openDialog(page.getByRole('button', { name: 'Create user' }), 'Create user');
  await expect(dialog.getByLabel('Email')).toBeFocused();
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Eve Example');
  await dialog.getByRole('button', { name: 'Create user' }).click();

  await expect(dialog.getByRole('status').first()).toContainText('Eve Example (Student) has an account now.');
  const link = await dialog.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invitation\?token=[\w-]+$/);
  await dialog.getByRole('button', { name: /Copy link/ }).click();
  await expect(dialog.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText('Invitation pending');

  // The invitee is someone else, on another device: no shared cookies.
  const inviteeContext = await browser.newContext();
  try {
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await expect(invitee.getByRole('heading', { level: 1, name: 'Choose your password' })).toBeVisible();
    await invitee.getByLabel('New password', { exact: true }).fill('e2e-student');
    await expect(invitee.getByRole('listitem').filter({ hasText: '12 to 128 characters' })).toContainText('(not yet)');
    await invitee.getByLabel('New password', { exact: true }).fill('quiet meadow lantern 42');
    await expect(invitee.getByRole('listitem').filter({ hasText: '12 to 128 characters' })).toContainText('(done)');
    await invitee.getByLabel('Confirm password').fill('quiet meadow lantern 42');
    await invitee.getByRole('button', { name: 'Set password and sign in' }).click();

    await expect(invitee).toHaveURL(/\/student$/);
    await expect(invitee.getByRole('heading', { level: 2, name: 'My mentors' })).toBeVisible();
    await expect(invitee.getByText('No mentor yet')).toBeVisible();
    await expect(invitee.getByRole('button', { name: /Eve Example/ })).toBeVisible();

    // The link works once.
    const reused = await inviteeContext.newPage();
    await reused.goto(link);
    await reused.getByLabel('New password', { exact: true }).fill('another quiet meadow');
    await reused.getByLabel('Confirm password').fill('another quiet meadow');
    await reused.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(reused.getByRole('heading', { name: 'This invitation link no longer works' })).toBeVisible();
  } finally {
    await inviteeContext.close();
  }

  await page.getByLabel('Search by name or email').fill(email);
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('row', { name: new RegExp(email) })).not.toContainText('Invitation pending');
});

test('a signed-in student cannot open the admin area, and the API refuses them too', async ({ page, request }) => {
  await signIn(page, demo('student2'));
  await expect(page).toHaveURL(/\/student$/);

  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/student$/);
  await expect(page.getByRole('heading', { level: 2, name: 'My mentors' })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);

  const login = await request.post('/api/v1/auth/login', {
    data: { email: demo('student2'), password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const refused = await request.get('/api/v1/admin/users', { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(refused.status()).toBe(403);
  expect(refused.headers()['content-type']).toContain('application/problem+json');
});

test('signing out everywhere ends the other sessions too, which then return to sign-in with a message', async ({
  browser,
}) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  try {
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    await signIn(onLaptop, demo('student3'));
    await signIn(onPhone, demo('student3'));
    await expect(onPhone).toHaveURL(/\/student$/);

    await onLaptop.getByRole('button', { name: /Account menu/ }).click();
    await onLaptop.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
    await expect(onLaptop).toHaveURL(/\/sign-in$/);
    await expect(onLaptop.getByRole('status')).toHaveText('You are signed out on every device.');

    await mainNav(onPhone).getByRole('link', { name: 'Profile' }).click();
    await expect(onPhone).toHaveURL(/\/sign-in\?returnUrl=%2Fprofile$/);
    await expect(onPhone.getByRole('status')).toHaveText('Your session has ended. Please sign in again.');
  } finally {
    await laptop.close();
    await phone.close();
  }
});

test('each demo role signs in to its own dashboard with its real data', async ({ browser }) => {
  const cases = [
    {
      email: demo('student1'),
      path: '/student',
      heading: 'My mentors',
      people: ['Dr. Amara Okafor', 'Prof. Jonas Weber'],
    },
    {
      email: demo('mentor1'),
      path: '/mentor',
      heading: 'My students',
      people: ['Aisha Rahman', 'Diego Alvarez', 'Grace Kim', 'Jamal Wright'],
    },
    { email: demo('admin'), path: '/admin', heading: 'Programme overview', people: [] },
  ];
  for (const { email, path, heading, people } of cases) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await signIn(page, email);
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.getByRole('heading', { name: heading })).toBeVisible();
      for (const person of people) {
        await expect(page.getByRole('heading', { level: 3, name: person })).toBeVisible();
      }
      if (path === '/admin') {
        await mainNav(page).getByRole('link', { name: 'Users' }).click();
        await expect(page.getByRole('row', { name: /mentor1@demo\.peerpals\.test/ })).toContainText('Dr. Amara Okafor');
      }
    } finally {
      await context.close();
    }
  }
});

test('the users page, its dialogs and the profile page have no serious accessibility issues, also at 360 px', async ({
  page,
}) => {
  // Four axe scans: the slowest test by far.
  test.setTimeout(120_000);
  await signIn(page, demo('admin'));
  await expect(page).toHaveURL(/\/admin$/);
  await mainNav(page).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('row', { name: /student1@demo\.peerpals\.test/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('button', { name: 'Actions for Aisha Rahman' }).click();
  await page.getByRole('menuitem', { name: 'Details and assignments' }).click();
  const details = page.getByRole('dialog', { name: 'Aisha Rahman' });
  await expect(details.getByRole('listitem').filter({ hasText: 'Dr. Amara Okafor' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await details.getByRole('button', { name: 'Close' }).click();

  await mainNav(page).getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByLabel('Display name')).toHaveValue('Programme Admin');
  await expectNoSeriousA11yViolations(page);

  // Down to 360 px the page reflows instead of scrolling sideways (the table scrolls in its own region).
  await page.setViewportSize({ width: 360, height: 740 });
  await mainNav(page).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('row', { name: /mentor2@demo\.peerpals\.test/ })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
});
