import { expect, Page, test } from '@playwright/test';
import { cityPlan, districtPlan, openAccountMenu, period, reportPath, year } from './helpers';

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
  await expectEnglish(page, 'consolidation page');
  await page.goto('/dung-han');
  await expect(page.getByTestId('page')).toBeVisible();
  await expectEnglish(page, 'timeliness page');
});
