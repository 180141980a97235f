import { Browser, BrowserContext, expect as baseExpect, Page, test } from '@playwright/test';
import { demo, expectNoSeriousA11yViolations, openDialog, signIn } from '../support';

// Several people (pages) act at once on a shared, busy machine: give the portal time to answer.
const expect = baseExpect.configure({ timeout: 20_000 });

/** The wall-clock date in London `days` from now, as a date input wants it. */
function londonDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));
}

/** The instant of `hour`:00 on `date` in London. */
function londonInstant(date: string, hour: number): number {
  const guess = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const shown = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(guess),
  );
  return guess - (shown - hour) * 3_600_000;
}

async function newPerson(browser: Browser, timezoneId: string): Promise<{ context: BrowserContext; page: Page }> {
  // The browser's own zone differs from the person's on purpose: times must follow the profile.
  const context = await browser.newContext({ timezoneId });
  return { context, page: await context.newPage() };
}

async function remainingSessions(page: Page): Promise<number> {
  const sentence = page.locator('pp-quota-meter .sentence');
  await expect(sentence).toContainText('left in');
  const text = (await sentence.textContent()) ?? '';
  return /^No sessions/.test(text.trim()) ? 0 : Number(/(\d+) of \d+ sessions? left/.exec(text)?.[1]);
}

test('a student asks, the mentor accepts with a date, both see the session; a second request is refused and the quota follows', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const student = await newPerson(browser, 'America/Los_Angeles');
  const mentor = await newPerson(browser, 'Asia/Tokyo');
  try {
    // student1 is Aisha Rahman, assigned to Dr. Amara Okafor (mentor1) and Prof. Jonas Weber.
    await signIn(student.page, demo('student1'));
    await expect(student.page).toHaveURL(/\/student$/);
    const before = await remainingSessions(student.page);
    await expect(student.page.locator('pp-quota-meter .sentence')).toContainText(/resets 1 \w+/);

    // A second tab still shows the form: it will try to send while the first request is pending.
    const staleTab = await student.context.newPage();
    await staleTab.goto('/student');
    await staleTab.bringToFront();
    await expect(staleTab.getByRole('button', { name: 'Send request' })).toBeVisible();

    await student.page.bringToFront();
    const form = student.page.locator('pp-request-form');
    await form.getByRole('combobox', { name: 'Mentor' }).click();
    await student.page.getByRole('option', { name: 'Dr. Amara Okafor' }).click();
    await form.getByLabel('Topic').fill('Preparing for internship interviews');
    await form.getByLabel('Message').fill('Could we go through the questions I keep getting stuck on?');
    await form.getByLabel('Time 1').fill('Tuesday afternoons');
    await form.getByRole('button', { name: 'Send request' }).click();

    const pending = student.page.locator('pp-pending-request');
    await expect(pending).toContainText('Preparing for internship interviews');
    await expect(pending).toContainText(
      /You can send a new request once Dr\. Amara Okafor answers, or on \d{1,2} \w{3} when this one expires\./,
    );
    await expect(pending.getByRole('button', { name: 'Withdraw request' })).toBeVisible();
    await expect(student.page.getByRole('button', { name: 'Send request' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(student.page);

    // The second request is refused, and the refusal says why in words.
    await staleTab.bringToFront();
    const staleForm = staleTab.locator('pp-request-form');
    await staleForm.getByRole('combobox', { name: 'Mentor' }).click();
    await staleTab.getByRole('option', { name: 'Prof. Jonas Weber' }).click();
    await staleForm.getByLabel('Topic').fill('A second question');
    await staleForm.getByLabel('Message').fill('And one more thing.');
    await staleForm.getByRole('button', { name: 'Send request' }).click();
    await expect(staleTab.getByRole('status').filter({ hasText: 'You already have a request waiting' })).toContainText(
      /You already have a request waiting for Dr\. Amara Okafor\. You can send a new one once Dr\. Amara Okafor answers, or on \d{1,2} \w{3} when it expires\./,
    );
    await expect(staleTab.locator('pp-pending-request')).toContainText('Preparing for internship interviews');
    await staleTab.close();

    // The mentor accepts by choosing a date and time in their own zone (Europe/London).
    await mentor.page.bringToFront();
    await signIn(mentor.page, demo('mentor1'));
    await expect(mentor.page).toHaveURL(/\/mentor$/);
    const card = mentor.page.locator('pp-request-card').filter({ hasText: 'Preparing for internship interviews' });
    await expect(card).toContainText('from Aisha Rahman');
    await expect(card).toContainText(/Sent (just now|\d+ minutes? ago), expires/);
    await expectNoSeriousA11yViolations(mentor.page);
    const dialog = await openDialog(card.getByRole('button', { name: /^Accept and schedule/ }), 'Accept and schedule');
    await expect(dialog).toContainText('Tuesday afternoons');
    await expect(dialog).toContainText('You cannot see how many sessions Aisha Rahman has left this month');
    const date = londonDate(1);
    await dialog.getByLabel('Date').fill(date);
    await dialog.getByLabel('Start time').fill('10:00');
    await dialog.getByLabel('Location').fill('Library, room 2.14');
    await dialog.getByRole('button', { name: 'Accept and schedule' }).click();
    await expect(dialog).toHaveCount(0);

    const mentorSessions = mentor.page.locator('section[aria-labelledby=sessions-heading]');
    await expect(mentorSessions).toContainText('with Aisha Rahman');
    await expect(mentorSessions).toContainText(/10:00–11:00 (GMT|BST)/);
    await expect(
      mentor.page.locator('pp-request-card').filter({ hasText: 'Preparing for internship interviews' }),
    ).toContainText('Accepted');

    // The student sees the session (pushed live, no reload) with the time in their zone, and the quota follows.
    await student.page.bringToFront();
    const upcoming = student.page.locator('section[aria-labelledby=upcoming-heading]');
    await expect(upcoming).toContainText('with Dr. Amara Okafor', { timeout: 30_000 });
    await expect(upcoming).toContainText(/10:00–11:00 (GMT|BST)/);
    await expect(upcoming).toContainText('Library, room 2.14');
    await expect(student.page.locator('pp-pending-request')).toHaveCount(0);
    await expect(
      student.page.getByText(
        'Dr. Amara Okafor accepted your request “Preparing for internship interviews” and scheduled a session.',
      ),
    ).toBeVisible();
    const sameMonth = date.slice(0, 7) === londonDate(0).slice(0, 7);
    await expect.poll(() => remainingSessions(student.page)).toBe(sameMonth ? before - 1 : before);

    // Cancelling says first whether the session comes back to the allowance (not within 24 hours of the start).
    await upcoming
      .getByRole('button', { name: /^Cancel session/ })
      .first()
      .click();
    const cancel = student.page.getByRole('dialog', { name: 'Cancel this session?' });
    const startsSoon = londonInstant(date, 10) - Date.now() < 24 * 3_600_000;
    await expect(cancel).toContainText(
      startsSoon ? 'If you cancel now, you do not get it back' : 'You get this session back in your monthly allowance.',
    );
    await cancel.getByLabel('Reason').fill('Something came up, sorry.');
    await cancel.getByRole('button', { name: startsSoon ? 'Cancel anyway' : 'Cancel session' }).click();
    await expect(cancel).toHaveCount(0);
    await expect(upcoming).toContainText('No sessions booked');
    await expect.poll(() => remainingSessions(student.page)).toBe(sameMonth && startsSoon ? before - 1 : before);

    // The mentor's dashboard follows without a reload.
    await mentor.page.bringToFront();
    await expect(mentorSessions).not.toContainText('with Aisha Rahman', { timeout: 30_000 });
  } finally {
    await student.context.close();
    await mentor.context.close();
  }
});
