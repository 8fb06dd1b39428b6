import { expect, request, test } from '@playwright/test';
import { apiAs, cityPlan, login, openAccountMenu, serverPort, year } from './helpers';

test('a ward officer logs in and sees the plan deadline', async ({ page }) => {
  await page.goto('/dang-nhap');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { name: 'Tài khoản dùng thử' })).toBeVisible();
  await expect(page.getByText('govap.p01', { exact: true })).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill('govap.p01');
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();

  await expect(page.getByRole('heading', { name: /Phường 1/ })).toBeVisible();
  await expect(page.getByText('Hạn: trước ngày 05/05/2023')).toBeVisible();
  const link = page.getByRole('link', { name: 'Báo cáo 6 tháng đầu năm 2023' });
  await link.click();
  await expect(page).toHaveURL(/\/bao-cao\/847-KH-UBND-2023\/2023-6T\/HCM\.GV\.P01$/);
  await expect(page.getByRole('heading', { name: 'Phường 1' })).toBeVisible();
  await expect(page.getByText('III. Tiếp công dân, đối thoại, giải quyết khiếu nại, tố cáo')).toBeVisible();
});

test('what is typed on the sign-in page before the app has loaded stays and signs in', async ({ page }) => {
  // The app's code, and the page's own part of it, arrive only once both fields are typed
  // (a slow connection).
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pkg/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('govap.p01');
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  release();
  // The demo accounts are fetched by the app: shown once it runs.
  await expect(page.getByRole('heading', { name: 'Tài khoản dùng thử' })).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('govap.p01');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /Phường 1/ })).toBeVisible();
});

test('a sign-in sent before the app has loaded, and refused, says why', async ({ page }) => {
  // The app's code never arrives: the browser sends the form itself.
  await page.route('**/pkg/baocao.wasm', (route) => route.abort());
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('govap.p02');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?loi=bad_credentials$/);
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
});

test('a sign-in while the app still asks who is signed in is not taken back by the old answer', async ({ page }) => {
  // The app asks the server who is signed in as it starts; on a slow line the answer
  // (nobody) arrives after the user signed in.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  let answered = false;
  await page.route('**/api/v1/me', async (route) => {
    if (asked++ > 0) return route.continue();
    await held;
    // The answer the server gave then, to a browser without a session.
    const anonymous = await request.newContext({ baseURL: `http://127.0.0.1:${serverPort}` });
    await route.fulfill({ response: await anonymous.get('/api/v1/me') });
    answered = true;
  });
  await page.goto('/dang-nhap');
  await expect.poll(() => asked).toBeGreaterThan(0);
  await page.getByLabel('Tên đăng nhập').fill('govap.p01');
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /Phường 1/ })).toBeVisible();
  release();
  await expect.poll(() => answered).toBe(true);
  // Still signed in: no call to sign in again, and the device syncs.
  const synced = page.waitForResponse((r) => r.url().endsWith('/api/v1/sync') && r.ok());
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await synced;
  await expect(page.getByRole('link', { name: /đăng nhập lại/ })).toHaveCount(0);
});

test('a wrong password is refused in Vietnamese', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('govap.p01');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
});

test('a district reviewer sees the 2023 plan as a line per period', async ({ page }) => {
  await login(page, '', 'govap.pnv');
  await expect(page.getByRole('heading', { name: /Quận Gò Vấp/ })).toBeVisible();
  const first = page.locator('.period-summary[data-period="2023-6T"]');
  await expect(first.getByTestId('tally')).toContainText('Phải nộp: 21');
  // The 2023 plan's two periods (the administration test may add a district plan of 2019).
  await expect(page.locator('.period-summary[data-period^="2023-"]')).toHaveCount(2);
});

test('the city reviewer sees each period of the city plan summed up and opens its progress', async ({ page }) => {
  await login(page, '', 'hcm.snv');
  await expect(page.getByRole('heading', { level: 1, name: /Thành phố Hồ Chí Minh/ })).toBeVisible();
  const code = `${year + 1}-6T`;
  const line = page.locator(`.period-summary[data-period="${code}"]`);
  await expect(line.getByTestId('tally')).toContainText('Phải nộp: 171');
  await expect(line.getByRole('progressbar', { name: 'Tỷ lệ báo cáo đã nhận' })).toBeVisible();
  // A line per period, never a row per unit.
  await expect(page.locator('table')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await line.getByRole('link', { name: 'Theo dõi tiến độ' }).click();
  await expect(page).toHaveURL(new RegExp(`/tien-do/${cityPlan(year + 1)}/${code}$`));
  await expect(page.getByRole('heading', { name: 'Tiến độ báo cáo: Thành phố Hồ Chí Minh' })).toBeVisible();
  await expect(page.getByTestId('tally')).toContainText('Phải nộp: 171');
});

test('a new ward opens a 2023 report of a ward it replaced, read only', async ({ page }) => {
  await login(page, '', 'hanhthong.01');
  await expect(page.getByRole('heading', { level: 1, name: /Phường Hạnh Thông/ })).toBeVisible();
  // Its own report due next comes first; its former wards' reports are history, folded.
  await expect(page.locator('main section.card').first()).toContainText('Báo cáo cần nộp tiếp theo');
  await expect(page.locator('.next-due .countdown')).toBeVisible();
  const history = page.locator('details.history');
  await history.locator('summary', { hasText: 'Lịch sử báo cáo' }).click();
  await expect(history).toHaveAttribute('open', '');
  const former = page.locator('.period-row.former[data-unit="HCM.GV.P01"]').first();
  await expect(former).toContainText('Phường 1, Quận Gò Vấp (đến 30/06/2025)');
  // A former ward's report never written is no draft, and no deadline runs for it.
  await expect(page.locator('.period-row.former', { hasText: 'Không có báo cáo' }).first()).toBeVisible();
  await expect(page.locator('.period-row.former .countdown')).toHaveCount(0);
  await former.getByRole('link', { name: 'Báo cáo 6 tháng đầu năm 2023' }).click();
  await expect(page).toHaveURL(/\/bao-cao\/847-KH-UBND-2023\/2023-6T\/HCM\.GV\.P01$/);
  // Named as it is everywhere once it no longer exists.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường 1, Quận Gò Vấp (đến 30/06/2025)');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Nothing to type into: the report is the old ward's.
  await expect(page.locator('.report textarea').first()).toBeDisabled();
  await expect(page.locator('.report textarea:enabled, .report input:enabled')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nộp báo cáo' })).toHaveCount(0);
});

test('pages without a session lead to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/dang-nhap$/);
});

test('a reset password must be changed at the next sign-in, before anything else', async ({ page }) => {
  const admin = await apiAs('admin');
  const reset = await admin.post('/api/v1/admin/accounts/phunhuan.p02/reset-password');
  expect(reset.ok()).toBeTruthy();
  const { password } = await reset.json();

  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('phunhuan.p02');
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page).toHaveURL(/\/doi-mat-khau$/);
  await expect(page.getByText('Mật khẩu của bạn vừa được đặt lại')).toBeVisible();
  // Any other page leads back here until the password is changed.
  await page.goto('/');
  await expect(page).toHaveURL(/\/doi-mat-khau$/);

  await page.getByLabel('Mật khẩu hiện tại').fill(password);
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('matkhau123');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('matkhau123');
  await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  await expect(page.getByRole('alert')).toHaveText('Mật khẩu này quá phổ biến, dễ bị đoán: hãy chọn mật khẩu khác.');

  await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Phú Nhuận mùa xuân');
  await page.getByLabel('Nhập lại mật khẩu mới').fill('Phú Nhuận mùa xuân');
  await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: /Phường 2/ }).first()).toBeVisible();
});

test('English chosen once is there from the first byte of every page, and chosen while signed in follows the user to another browser', async ({ page, browser }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // The page as the server sends it, before any script runs: already English.
  const first = await (await page.request.get('/dang-nhap')).text();
  expect(first).toContain('<html lang="en"');
  expect(first).toContain('Sign in');
  expect(first).not.toContain('Đăng nhập');

  try {
    await page.getByLabel('Username').fill('hanhthong.02');
    await page.getByLabel('Password').fill('baocao-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.sync-status')).toBeVisible();
    // Chosen in the bar while signed in: remembered for the user.
    await openAccountMenu(page);
    await page.locator('.topbar select').selectOption('vi');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/language')
      && (r.request().postData() ?? '').includes('"en"'));
    await page.locator('.topbar select').selectOption('en');
    expect((await saved).status()).toBe(204);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    // Another browser starts in Vietnamese and turns English at the sign-in.
    const other = await browser.newContext();
    const laptop = await other.newPage();
    await laptop.goto(`http://127.0.0.1:${serverPort}/dang-nhap`);
    await laptop.getByLabel('Tên đăng nhập').fill('hanhthong.02');
    await laptop.getByLabel('Mật khẩu').fill('baocao-demo');
    await laptop.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(laptop.locator('html')).toHaveAttribute('lang', 'en');
    await expect(laptop.getByRole('button', { name: 'Sign out', includeHidden: true })).toBeAttached();
    await other.close();
  } finally {
    // Other tests sign this user in and read Vietnamese.
    const api = await apiAs('hanhthong.02');
    expect((await api.put('/api/v1/me/language', { data: { language: 'vi' } })).status()).toBe(204);
  }
});

test('another ward\'s report is refused by name, with the way back home', async ({ page }) => {
  await login(page, '', 'govap.p07');
  await page.goto('/bao-cao/847-KH-UBND-2023/2023-6T/HCM.GV.P01');
  await expect(page.getByRole('alert')).toHaveText('Bạn không có quyền với báo cáo của Phường 1.');
  await page.getByRole('link', { name: '← Danh sách kỳ báo cáo' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: /Phường 7/ })).toBeVisible();
});
