import { expect, Page, test } from '@playwright/test';
import { cityPlan, HANH_THONG, login, reportPath, year } from './helpers';
import { expectAccessible, expectTablesFit } from './usable';

// Every page, signed in as each role, on desktop and on the phone, passes
// `expectAccessible`. Report pages in the conflict, submitted and returned states are
// checked where other tests bring them about (report.spec, review.spec).

/// Waits for a page's data, then checks it.
async function visit(page: Page, path: string, ready: string) {
  await page.goto(path);
  await expect(page.locator(ready).first()).toBeVisible();
  await expectAccessible(page, path);
}

test('the sign-in, a ward\'s home, a report (as drafted and with a refused submission) and the password page pass axe', async ({ page }) => {
  await page.goto('/dang-nhap');
  await expectAccessible(page, 'sign-in');
  await login(page, '', 'hanhthong.01');
  await expectAccessible(page, 'ward home');
  // Viewed and refused only: nothing is written to the report other tests use.
  await visit(page, reportPath(cityPlan(year), `${year}-6T`, HANH_THONG), 'form.report');
  await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
  await expect(page.getByTestId('submit-errors')).toBeVisible();
  await expectAccessible(page, 'report with a refused submission');
  await visit(page, '/doi-mat-khau', 'form');
});

test('a reviewer\'s home, progress, consolidation and timeliness pages pass axe', async ({ page }) => {
  // axe takes about 15 s over the city's progress table (8.500 elements) on two cores.
  test.setTimeout(90_000);
  await login(page, '', 'hcm.snv');
  await expectAccessible(page, 'reviewer home');
  const desktop = test.info().project.name === 'desktop';
  await visit(page, `/tien-do/${cityPlan(year)}/${year}-6T`, 'table');
  if (desktop) await expectTablesFit(page, 'progress');
  await visit(page, `/tong-hop/${cityPlan(year)}/${year}-6T`, 'table.by-unit');
  if (desktop) await expectTablesFit(page, 'consolidation');
  await visit(page, '/dung-han', 'table');
});

test('the administration pages pass axe', async ({ page }) => {
  await login(page, '', 'admin');
  for (const path of ['/quan-tri/tai-khoan', '/quan-tri/tai-khoan/moi', '/quan-tri/don-vi', `/quan-tri/don-vi/${HANH_THONG}`,
    '/quan-tri/ke-hoach', '/quan-tri/ke-hoach/moi', `/quan-tri/ke-hoach/${cityPlan(year)}`, '/quan-tri/nhap-tep', '/quan-tri/nhat-ky']) {
    await visit(page, path, 'main h1, main h2');
  }
});
