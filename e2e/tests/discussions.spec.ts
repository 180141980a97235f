import { APIRequestContext, Browser, expect as baseExpect, Page, test } from '@playwright/test';
import {
  apiSignIn,
  demo,
  expectNoSeriousA11yViolations,
  Identity,
  mainNav,
  openDialog,
  signIn as signInPage,
} from '../support';

// Several browsers at once on a shared machine: give pages longer than the default 5 s to settle.
const expect = baseExpect.configure({ timeout: 15_000 });

// Emma Schmidt (student5) is assigned to mentor2 only: nothing else on mentor1's pages names her.
const ASKER = demo('student5');
const MENTOR = demo('mentor1');
const OTHER_STUDENT = demo('student6');

async function signIn(page: Page, email: string, password?: string): Promise<void> {
  await signInPage(page, email, password);
  await expect(mainNav(page)).toBeVisible();
}

async function openDiscussions(page: Page): Promise<void> {
  await mainNav(page).getByRole('link', { name: 'Discussions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Discussions' })).toBeVisible();
}

/** Nothing that identifies the author: not in the page, not in browser storage, not in what the discussion API sent. */
async function expectNothingIdentifies(page: Page, author: Identity, apiBodies: string[]): Promise<void> {
  const html = await page.content();
  const storage = await page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }),
  );
  for (const value of [author.displayName, author.email, author.id]) {
    expect(html, `page shows ${value}`).not.toContain(value);
    expect(storage, `storage holds ${value}`).not.toContain(value);
    for (const body of apiBodies) expect(body, `API sent ${value}`).not.toContain(value);
  }
}

/** Keeps the bodies of the discussion API responses a page receives. */
function recordDiscussionApi(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!/\/api\/v1\/(discussions|posts)/.test(response.url())) return;
    bodies.push(await response.text().catch(() => ''));
  });
  return bodies;
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('a student asks anonymously, a mentor answers, and nobody else can tell who asked', async ({
  page,
  browser,
  request,
}) => {
  // Three people in their own browsers and six axe scans.
  test.setTimeout(180_000);
  const title = `Oral exam nerves ${Date.now()}`;
  const { user: asker } = await apiSignIn(request, ASKER);

  // The student asks, anonymously by default, after reading who will see what.
  await signIn(page, ASKER);
  await openDiscussions(page);
  await page.getByRole('link', { name: 'Start a discussion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Start a discussion' })).toBeVisible();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Your question or message').fill('My mind goes blank in oral exams. How do you prepare?');
  await page.getByLabel('Tags (optional)').fill('exams, wellbeing');
  await expect(page.getByRole('radio', { name: 'Anonymously' })).toBeChecked();
  await expect(
    page.getByText('You will appear as a pseudonym such as Anonymous Heron, the same throughout this thread.'),
  ).toBeVisible();
  await expect(
    page.getByText('Students: no · Mentors: no · Admins: only through an audited two-admin reveal'),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Post discussion' }).click();

  await expect(page).toHaveURL(/\/discussions\/[0-9a-f-]{36}$/);
  const threadUrl = new URL(page.url()).pathname;
  const opening = page.getByRole('article', { name: /^Opening post by Anonymous \w+ \(you\)$/ });
  await expect(opening).toBeVisible();
  const pseudonym = /Anonymous \w+/.exec((await opening.getAttribute('aria-label')) ?? '')![0];
  await expect(opening.getByText('You', { exact: true })).toBeVisible();
  await expect(
    page.getByText(`You will appear as ${pseudonym}, the same pseudonym as your other anonymous posts in this thread.`),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A mentor finds it in the unanswered queue and answers with their name.
  const mentor = await newPage(browser);
  const mentorApi = recordDiscussionApi(mentor);
  await signIn(mentor, MENTOR);
  await openDiscussions(mentor);
  await expect(mentor.getByRole('radio', { name: 'Unanswered' })).toBeChecked();
  await mentor.getByRole('link', { name: title }).click();
  await expect(mentor.getByRole('article', { name: `Opening post by ${pseudonym}` })).toBeVisible();
  await expect(mentor.getByRole('radio', { name: 'Anonymously' })).toHaveCount(0);
  await expect(mentor.getByText('You will appear as Dr. Amara Okafor (Mentor).')).toBeVisible();
  await mentor.getByLabel('Your reply').fill('Practise out loud with a friend, and write three key points on a card.');
  await mentor.getByRole('button', { name: 'Post reply' }).click();
  await expect(mentor.getByRole('article', { name: 'Reply by Dr. Amara Okafor, Mentor (you)' })).toBeVisible();
  await expectNothingIdentifies(mentor, asker, mentorApi);
  await expectNoSeriousA11yViolations(mentor);

  // Another student reads the board and the thread.
  const other = await newPage(browser);
  const otherApi = recordDiscussionApi(other);
  await signIn(other, OTHER_STUDENT);
  await openDiscussions(other);
  await expect(other.getByRole('link', { name: title })).toBeVisible();
  await expectNothingIdentifies(other, asker, otherApi);
  await expectNoSeriousA11yViolations(other);
  await other.getByRole('link', { name: title }).click();
  await expect(other.getByRole('article', { name: `Opening post by ${pseudonym}` })).toBeVisible();
  await expect(other.getByRole('article', { name: 'Reply by Dr. Amara Okafor, Mentor' })).toBeVisible();
  await expectNothingIdentifies(other, asker, otherApi);
  await expectNoSeriousA11yViolations(other);
  // A deep link after reload works and leaks nothing either.
  await other.reload();
  await expect(other.getByRole('article', { name: `Opening post by ${pseudonym}` })).toBeVisible();
  await expectNothingIdentifies(other, asker, otherApi);
  expect(new URL(other.url()).pathname).toBe(threadUrl);

  // The student accepts the mentor's answer.
  await page.getByRole('link', { name: 'All discussions' }).click();
  await page.getByRole('link', { name: title }).click();
  const answer = page.getByRole('article', { name: 'Reply by Dr. Amara Okafor, Mentor' });
  await answer.getByRole('button', { name: /^Accept as answer/ }).click();
  await expect(answer.getByText('Accepted answer')).toBeVisible();

  // Down to 360 px the thread reflows instead of scrolling sideways.
  await other.setViewportSize({ width: 360, height: 740 });
  await other.reload();
  await expect(
    other.getByRole('article', { name: 'Reply by Dr. Amara Okafor, Mentor' }).getByText('Accepted answer'),
  ).toBeVisible();
  expect(
    await other.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
  ).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(other);

  await mentor.context().close();
  await other.context().close();
});

test('revealing an anonymous author takes a reason from one admin and the approval of another', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const title = `Worried about a friend ${Date.now()}`;

  // An admin the first admin creates is no second opinion: the reveal needs the demo's other, independent admin.
  const { token: adminToken } = await apiSignIn(request, demo('admin'));
  const puppetEmail = `e2e-admin-${Date.now()}@uni.example`;
  const puppetPassword = 'violet kettle harbour 42';
  const created = await request.post('/api/v1/admin/users', {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: { email: puppetEmail, displayName: 'Second Admin', role: 'admin' },
  });
  expect(created.status()).toBe(201);
  const invitationToken = new URL(((await created.json()) as { invitationUrl: string }).invitationUrl).searchParams.get(
    'token',
  );
  const accepted = await request.post('/api/v1/auth/invitations/accept', {
    data: { token: invitationToken, password: puppetPassword },
  });
  expect(accepted.status()).toBe(200);
  const puppetToken = ((await accepted.json()) as { accessToken: string }).accessToken;

  // A student posts anonymously; another student reports the post.
  const { token: askerToken, user: asker } = await apiSignIn(request, ASKER);
  const thread = await request.post('/api/v1/discussions', {
    headers: { Authorization: `Bearer ${askerToken}` },
    data: {
      title,
      body: 'Something is wrong and I do not know whom to tell.',
      audience: 'community',
      mode: 'anonymous',
    },
  });
  expect(thread.status()).toBe(201);
  const { opening } = (await thread.json()) as { opening: { id: string; author: { displayName: string } } };
  const { token: reporterToken } = await apiSignIn(request, OTHER_STUDENT);
  const report = await request.post(`/api/v1/posts/${opening.id}/report`, {
    headers: { Authorization: `Bearer ${reporterToken}` },
    data: { reason: 'This sounds like someone may be in danger.' },
  });
  expect(report.status()).toBe(204);

  // The first admin sees the report, with the author still anonymous, and asks for a reveal.
  await signIn(page, demo('admin'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Moderation' })).toBeVisible();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await expect(item.getByText('This sounds like someone may be in danger.')).toBeVisible();
  await expect(item.getByRole('article', { name: `Post by ${opening.author.displayName}` })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const dialog = await openDialog(
    item.getByRole('button', { name: /^Request reveal/ }),
    `Request to reveal ${opening.author.displayName}`,
  );
  await dialog.getByLabel('Reason').fill('Safeguarding: the post suggests a student may be at risk.');
  await dialog.getByRole('button', { name: 'Request reveal' }).click();
  const pending = page.getByRole('region', { name: 'Reveal requests' }).getByRole('listitem').first();
  await expect(pending.getByText('Waiting for a second admin')).toBeVisible();
  await expect(pending.getByRole('button', { name: 'Approve and reveal' })).toHaveCount(0);
  await expect(pending.getByRole('button', { name: 'Withdraw request' })).toBeVisible();
  await expectNothingIdentifies(page, asker, []);

  // The admin the requester just created cannot approve.
  const requestId = await pendingRevealId(request, adminToken, opening.id);
  const refused = await request.post(`/api/v1/admin/reveal-requests/${requestId}/approve`, {
    headers: { Authorization: `Bearer ${puppetToken}` },
  });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { code: string }).code).toBe('REVEAL_APPROVER_NOT_INDEPENDENT');

  // The independent second admin approves and, only then and only here, learns who wrote it.
  const second = await newPage(browser);
  await signIn(second, demo('admin2'));
  await second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Moderation' }).click();
  const request2 = second.getByRole('region', { name: 'Reveal requests' }).getByRole('listitem').first();
  await expect(request2.getByText('Safeguarding: the post suggests a student may be at risk.')).toBeVisible();
  await expectNothingIdentifies(second, asker, []);
  await request2.getByRole('button', { name: 'Approve and reveal' }).click();
  await second
    .getByRole('dialog', { name: 'Approve and reveal the author?' })
    .getByRole('button', { name: 'Approve and reveal' })
    .click();
  const revealed = request2.getByRole('group', { name: /^Revealed author/ });
  await expect(revealed).toContainText('Confidential.');
  await expect(revealed.getByText(asker.email)).toBeVisible();
  await expect(revealed.getByText(asker.displayName)).toBeVisible();
  await expectNoSeriousA11yViolations(second);
  await second.context().close();

  // The requesting admin sees it too, behind the same warning; the thread itself stays anonymous.
  await page.reload();
  const mine = page.getByRole('region', { name: 'Reveal requests' }).getByRole('listitem').first();
  await expect(mine.getByText('Approved', { exact: true })).toBeVisible();
  await mine.getByRole('button', { name: 'Show who wrote it' }).click();
  await expect(mine.getByRole('group', { name: /^Revealed author/ }).getByText(asker.email)).toBeVisible();
  await mine.getByRole('link', { name: /Open the thread/ }).click();
  await expect(page.getByRole('article', { name: `Opening post by ${opening.author.displayName}` })).toBeVisible();
  await expectNothingIdentifies(page, asker, []);
});

async function pendingRevealId(request: APIRequestContext, token: string, postId: string): Promise<string> {
  const list = await request.get('/api/v1/admin/reveal-requests', { headers: { Authorization: `Bearer ${token}` } });
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: string; postId: string; status: string }[] };
  const pending = items.find((r) => r.postId === postId && r.status === 'pending');
  expect(pending).toBeDefined();
  return pending!.id;
}
