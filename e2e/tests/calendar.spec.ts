import { Browser, BrowserContext, expect as baseExpect, Page, test } from '@playwright/test';
import { demo, expectNoSeriousA11yViolations, openDialog, signIn } from '../support';

// Several people (pages) act at once on a shared, busy machine: give the portal time to answer.
const expect = baseExpect.configure({ timeout: 20_000 });

async function newPerson(browser: Browser, timezoneId: string): Promise<{ context: BrowserContext; page: Page }> {
  // The browser's zone differs from the person's: the calendar must follow the profile's zone.
  const context = await browser.newContext({ timezoneId });
  return { context, page: await context.newPage() };
}

/** Wednesday of next week in Berlin, the mentor's zone, as YYYY-MM-DD. */
function nextWeeksWednesday(): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  const today = new Date(`${parts}T12:00:00Z`);
  const daysToNextMonday = (8 - today.getUTCDay()) % 7 || 7;
  return new Date(today.getTime() + (daysToNextMonday + 2) * 86_400_000).toISOString().slice(0, 10);
}

test('a mentor schedules from a free slot in the week view; the student sees it in the month view and the bell rings live', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const wednesday = nextWeeksWednesday();
  const dayOfMonth = String(Number(wednesday.slice(8)));
  // student2 is Ben Carter (Europe/London), assigned to Prof. Jonas Weber (mentor2, Europe/Berlin).
  const student = await newPerson(browser, 'America/Los_Angeles');
  const mentor = await newPerson(browser, 'Asia/Tokyo');
  try {
    await signIn(student.page, demo('student2'));
    await expect(student.page).toHaveURL(/\/student$/);
    await student.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await expect(student.page.getByRole('heading', { level: 1, name: 'My calendar' })).toBeVisible();
    await student.page.goto(`/student/calendar?view=month&date=${wednesday}`);
    await expect(student.page.getByText('Times are in your time zone, Europe/London.')).toBeVisible();
    await expect(student.page.getByText('No sessions in this period.')).toBeVisible();
    const bell = student.page.getByRole('button', { name: /^Notifications/ });
    await expect(bell).toHaveAccessibleName('Notifications');
    await expectNoSeriousA11yViolations(student.page);

    await mentor.page.bringToFront();
    await signIn(mentor.page, demo('mentor2'));
    await expect(mentor.page).toHaveURL(/\/mentor$/);
    await mentor.page.goto(`/mentor/calendar?view=week&date=${wednesday}`);
    await expect(mentor.page.getByText('Times are in your time zone, Europe/Berlin.')).toBeVisible();
    await expect(mentor.page.locator('mwl-calendar-week-view')).toBeVisible();
    await expectNoSeriousA11yViolations(mentor.page);

    const dialog = await openDialog(mentor.page.locator(`[data-slot="${wednesday}T10:00"]`), 'Schedule a session');
    await expect(dialog.getByLabel('Date')).toHaveValue(wednesday);
    await expect(dialog.getByLabel('Start time')).toHaveValue('10:00');
    await dialog.getByRole('combobox', { name: 'Student' }).click();
    await mentor.page.getByRole('option', { name: 'Ben Carter' }).click();
    await dialog.getByLabel('Meeting link').fill('https://meet.uni.example/weber-carter');
    await dialog.getByRole('button', { name: 'Schedule session' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(
      mentor.page.locator('mwl-calendar-week-view .cal-event').filter({ hasText: 'Ben Carter' }),
    ).toBeVisible();

    await student.page.bringToFront();
    // Live: the bell counts the notification and the month grid shows the session, 10:00 Berlin = 09:00 London.
    await expect(bell).toHaveAccessibleName('Notifications, 1 unread', { timeout: 30_000 });
    const cell = student.page
      .locator('mwl-calendar-month-cell.cal-in-month')
      .filter({ has: student.page.locator('.pp-day-number', { hasText: new RegExp(`^${dayOfMonth}$`) }) });
    const event = cell.getByRole('button', { name: '09:00 Prof. Jonas Weber' });
    await expect(event).toBeVisible();

    await event.click();
    const panel = student.page.getByRole('complementary', { name: 'Session with Prof. Jonas Weber' });
    await expect(panel).toContainText(/09:00–10:00 GMT/);
    await expect(panel).toContainText('Their time:');
    await expect(panel.getByRole('link', { name: /meet\.uni\.example/ })).toBeVisible();
    await expect(panel.getByRole('button', { name: /^Cancel session/ })).toBeVisible();
    await panel.getByRole('button', { name: /^Close/ }).click();
    await expect(panel).toHaveCount(0);

    // The accessible list alternative to the grid.
    await student.page.getByRole('radio', { name: 'List' }).click();
    await expect(student.page).toHaveURL(/layout=list/);
    await expect(student.page.locator('pp-session-list')).toContainText('with Prof. Jonas Weber');
    await expectNoSeriousA11yViolations(student.page);

    // Opening the notification marks it read and leads to the session.
    await bell.click();
    await student.page.getByRole('menuitem', { name: /Session with Prof\. Jonas Weber scheduled/ }).click();
    await expect(student.page).toHaveURL(/\/student\/sessions\/[\w-]+$/);
    await expect(student.page.getByRole('heading', { level: 1, name: 'Session with Prof. Jonas Weber' })).toBeVisible();
    await expect(bell).toHaveAccessibleName('Notifications');
  } finally {
    await student.context.close();
    await mentor.context.close();
  }
});
