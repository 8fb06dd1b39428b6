import { expect, test } from '@playwright/test';

// The home page of a country's reviewer, on the national benchmark's database (11.000
// units, 110.000 reports): the time until every period's line is shown, and what the
// device keeps in storage once it has synced. Prints figures; the budgets are 1 s and
// 1 MB. Run by scripts/budget.sh when BAOCAO_BENCH_DIR holds that database.
const port = process.env.NATIONAL_PORT;

test('country home page', async ({ page }) => {
  test.skip(!port, 'needs the national database: BAOCAO_BENCH_DIR=DIR scripts/bench.sh national sqlite first');
  const base = `http://127.0.0.1:${port}`;
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('quoc.gia');
  await page.getByLabel('Mật khẩu').fill('bench-password');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('.period-summary').first()).toBeVisible({ timeout: 30_000 });

  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = Date.now();
    await page.goto(`${base}/`);
    await expect(page.locator('.period-summary').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('tally').first()).toContainText('Phải nộp');
    times.push(Date.now() - started);
  }
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
  await page.waitForTimeout(2_000);
  const kept = await page.evaluate(() => {
    let chars = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      chars += key.length + (localStorage.getItem(key) ?? '').length;
    }
    return chars * 2; // UTF-16, as browsers count storage
  });
  const lines = await page.locator('.period-summary').count();
  times.sort((a, b) => a - b);
  console.log(`country home page: ${lines} period lines; shown in median ${times[2]} ms, worst ${times[4]} ms over 5 loads (budget 1 s)`);
  console.log(`country home page: the device keeps ${kept} bytes in storage (budget 1 MB)`);
});
