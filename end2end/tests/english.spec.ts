import { expect, Page, test } from '@playwright/test';
import { cityPlan, districtPlan, HANH_THONG, openAccountMenu, period, reportPath, year } from './helpers';

// The main flows with English chosen: no Vietnamese letter anywhere a user reads (text,
// accessible names, titles, placeholders, the document's title) outside data, which is
// marked `lang="vi"` (unit names, template labels and rules, plan texts, people's names).

const VIETNAMESE =
  '[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]';

async function vietnameseOutsideData(page: Page): Promise<string[]> {
  return page.evaluate((source) => {
    const letters = new RegExp(source, 'i');
    const data = (el: Element) => el.closest('[lang]')?.getAttribute('lang') === 'vi';
    const found: string[] = [];
    if (letters.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent ?? '';
      if (!el || el.closest('script, style, textarea') || !letters.test(text) || data(el)) continue;
      found.push(`${el.tagName.toLowerCase()}.${el.className}: ${text.trim().slice(0, 90)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(name);
        if (v && letters.test(v) && !data(el)) found.push(`${el.tagName.toLowerCase()}[${name}]: ${v.slice(0, 90)}`);
      }
    }
    return found;
  }, VIETNAMESE);
}

async function expectEnglish(page: Page, what: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect.soft(await vietnameseOutsideData(page), what).toEqual([]);
}

async function signIn(page: Page, username: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('baocao-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: /report/i }).first()).toBeVisible();
}

test('a ward and a reviewer work in English and read no Vietnamese outside data', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.goto('/dang-nhap');
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectEnglish(page, 'sign-in page');
  await page.getByLabel('Username').fill('govap.p01');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
  await expectEnglish(page, 'refused sign-in');

  // A ward: home, its report with a refused value and a refused submission, the password
  // page. The district's 2023 report, which no other test submits.
  await signIn(page, 'govap.p01');
  await expectEnglish(page, 'ward home');
  await page.goto(reportPath(districtPlan, period(info.project.name, 2023), 'HCM.GV.P01'));
  // The template gives its words in English: labels, units, rules.
  const count = page.getByRole('textbox', { name: 'Citizen reception visits', exact: true });
  await expect(page.locator('#f-tcd_luot-unit')).toHaveText('(visits)');
  await count.fill('1.5');
  await expect(page.locator('.msg.error').first()).toHaveText(
    'Citizen reception visits: must be a whole number, not negative (for example 1,234).',
  );
  await expectEnglish(page, 'report page with a refused value');
  await count.fill('1,234');
  await expect(count).toHaveValue('1,234');
  await page.getByRole('button', { name: 'Submit report' }).click();
  await expect(page.getByTestId('submit-errors')).toContainText('Strengths: not entered (required).');
  await expectEnglish(page, 'report page');
  await page.goto('/doi-mat-khau');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectEnglish(page, 'password page');
  await openAccountMenu(page, 'Account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // A reviewer: home, progress, consolidation, timeliness.
  await signIn(page, 'hcm.snv');
  await expectEnglish(page, 'reviewer home');
  const code = period(info.project.name, year);
  await page.locator(`a[href="/tien-do/${cityPlan(year)}/${code}"]`).click();
  await expect(page.getByTestId('outstanding')).toBeVisible();
  await expectEnglish(page, 'progress page');
  await page.goto(`/tong-hop/${cityPlan(year)}/${code}`);
  await expect(page.getByTestId('totals')).toBeVisible();
  // The template's units of measure in English too.
  await expect(page.getByTestId('totals').locator('tr[data-field="hs_tiep_nhan"] td.num')).toHaveText(/^(–|[\d,]+ files)$/);
  await expectEnglish(page, 'consolidation page');
  await page.goto('/dung-han');
  await expect(page.getByTestId('page')).toBeVisible();
  await expectEnglish(page, 'timeliness page');
});

test('an administrator works in English, and is told in English what is wrong', async ({ page }, info) => {
  test.setTimeout(90_000);
  await page.goto('/dang-nhap');
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('baocao-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await openAccountMenu(page, 'Account');
  await page.getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts' })).toBeVisible();
  await expectEnglish(page, 'accounts');

  // A refused account: the server's checks, worded in English beside each field.
  await page.getByRole('link', { name: 'New account' }).click();
  await page.getByLabel('Username', { exact: true }).fill('Cán Bộ');
  await page.getByLabel('Full name').fill('Trần Thị Thu');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.locator('#account-username-error')).toHaveText(
    'A username has only lowercase unaccented letters, digits and . _ - @ (not “C”).',
  );
  await expect(page.locator('#account-unit-error')).toHaveText('Choose a unit.');
  await expectEnglish(page, 'refused account form');

  // Units: a ward found as typed, and its history.
  await page.goto('/quan-tri/don-vi');
  await page.getByLabel('Find a unit').fill('hanh thong');
  await page.locator('.unit-results').getByRole('link', { name: 'Phường Hạnh Thông' }).click();
  await expect(page.getByRole('heading', { name: /Hạnh Thông/ })).toBeVisible();
  await expectEnglish(page, 'unit page');

  // A file refused at its line and column, in English.
  await page.goto('/quan-tri/nhap-tep');
  await page.getByLabel('File type').selectOption({ label: 'Units (CSV)' });
  const bad = `code,parent_code,kind,name\nHCM.EN,HCM,phuong,Phường Thử\nHCM.EN.B,HCM,lang,Làng Thử\n`;
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.locator('.import-problem')).toContainText('Line 3, column “kind”: “lang” is not a kind of unit');
  await expectEnglish(page, 'refused import');
  // A good one, applied: an agency under a ward, which no plan assigns anything to.
  const code = `HCM.EN.${info.project.name.toUpperCase()}`;
  const good = `code,parent_code,kind,name\n${code},${HANH_THONG},co_quan,Tổ dân phố tiếng Anh\n`;
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(page.locator('.import-counts')).toHaveText('Added: 1 · Changed: 0 · Moved to another parent: 0 · Unchanged: 0');
  await expectEnglish(page, 'import preview');
  await page.getByRole('button', { name: 'Apply the changes' }).click();
  await expect(page.locator('p.notice[role="status"]')).toHaveText('Imported. Added: 1 · Changed: 0 · Moved to another parent: 0 · Unchanged: 0');
  await expectEnglish(page, 'import applied');

  // Plans: a roll-forward refused by the page and by the server, then the editor refusing an
  // empty title (nothing is saved).
  await page.goto('/quan-tri/ke-hoach');
  const card = page.locator(`section[data-plan="95-KH-UBND-${year}"]`);
  await card.getByLabel('To year').fill('next');
  await card.getByRole('button', { name: "Create the new year's plan" }).click();
  await expect(card.locator('.field-error').first()).toHaveText('The year must be a number (for example 2027).');
  await card.getByLabel('To year').fill(String(year + 1));
  await card.getByLabel('New plan number').fill('95/KH-UBND');
  await card.getByRole('button', { name: "Create the new year's plan" }).click();
  await expect(card.getByRole('alert')).toHaveText(`Plan 95/KH-UBND of ${year + 1} exists already.`);
  await expectEnglish(page, 'plans');
  await page.goto(`/quan-tri/ke-hoach/${districtPlan}`);
  const title = page.getByLabel('Title', { exact: true });
  await expect(title).not.toHaveValue('');
  await title.fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#title-error')).toHaveText("The plan's title may not be empty.");
  await expectEnglish(page, 'refused plan edit');

  await page.goto('/quan-tri/nhat-ky');
  await expect(page.getByRole('heading', { name: 'Administration log' })).toBeVisible();
  await expectEnglish(page, 'administration log');
});
