import { expect, test } from '@playwright/test';
import { cityPlan, districtPlan, goOffline, goOnline, HANH_THONG, login, period, reportPath, serverReport, THONG_TAY_HOI, value, waitSynced, year, openAccountMenu, proxyForEachTest } from './helpers';

// What happens to unsent work around the session: logout, an expired session, a cleared
// browser restored from a backup file.

const proxy = proxyForEachTest();

const situation = 'Đặc điểm tình hình của địa phương, đơn vị trong kỳ';

test('logging out keeps unsent work for the same user only, and says so', async ({ page, context }, info) => {
  const code = period(info.project.name, 2023);
  const path = reportPath(districtPlan, code, 'HCM.GV.P01');
  const text = `Chưa gửi khi đăng xuất (${info.project.name}).`;
  await login(page, proxy.url, 'govap.p01');
  await page.goto(`${proxy.url}${path}`);
  // The report is on the page (nothing pending is true before it has loaded).
  await expect(page.getByLabel(situation)).toBeVisible();
  await waitSynced(page);

  await goOffline(context, proxy);
  await page.getByLabel(situation).fill(text);
  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByText('Còn 1 thay đổi chưa gửi của')).toBeVisible();

  // Another officer on the same browser never sees or sends it.
  await goOnline(context, proxy);
  await login(page, proxy.url, 'govap.p01b');
  await page.goto(`${proxy.url}${path}`);
  await waitSynced(page);
  await expect(page.getByLabel(situation)).not.toHaveValue(text);
  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Đăng xuất' }).click();

  // Its author's next login sends it.
  await login(page, proxy.url, 'govap.p01');
  await page.goto(`${proxy.url}${path}`);
  await expect(page.getByLabel(situation)).toHaveValue(text);
  await waitSynced(page);
  expect(value(await serverReport('govap.p01', districtPlan, code, 'HCM.GV.P01'), 'tinh_hinh')).toBe(text);
});

test('an expired session keeps local work and sync resumes after logging in again', async ({ page, context }, info) => {
  const code = period(info.project.name, year);
  const path = reportPath(cityPlan(year), code, HANH_THONG);
  const text = `Viết khi phiên đã hết hạn (${info.project.name}).`;
  await login(page, proxy.url, 'hanhthong.01');
  await page.goto(`${proxy.url}${path}`);
  await expect(page.getByLabel(situation)).toBeVisible();
  await waitSynced(page);

  await context.clearCookies();
  await page.getByLabel(situation).fill(text);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  const relogin = page.getByRole('link', { name: 'Phiên đăng nhập hết hạn – đăng nhập lại' });
  await expect(relogin).toBeVisible();
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await page.reload();
  await expect(page.getByLabel(situation)).toHaveValue(text);

  await page.getByRole('link', { name: 'Phiên đăng nhập hết hạn – đăng nhập lại' }).click();
  await expect(page.getByText('Mọi dữ liệu trên máy vẫn được giữ')).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill('hanhthong.01');
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await waitSynced(page);
  expect(value(await serverReport('hanhthong.01', cityPlan(year), code, HANH_THONG), 'tinh_hinh')).toBe(text);
});

test('a backup file brings unsent work back into a cleared browser', async ({ browser }, info) => {
  const code = period(info.project.name, year);
  const path = reportPath(cityPlan(year), code, THONG_TAY_HOI);
  const text = `Chỉ còn trong bản sao lưu (${info.project.name}).`;

  const first = await browser.newContext();
  const page = await first.newPage();
  await login(page, proxy.url, 'thongtayhoi.01');
  await page.goto(`${proxy.url}${path}`);
  await expect(page.getByLabel(situation)).toBeVisible();
  await waitSynced(page);
  await goOffline(first, proxy);
  await page.getByLabel(situation).fill(text);
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Tải bản sao lưu' }).click();
  const file = info.outputPath('backup.json');
  await (await downloading).saveAs(file);
  await first.close();

  await proxy.up();
  const second = await browser.newContext();
  const again = await second.newPage();
  await login(again, proxy.url, 'thongtayhoi.01');
  await again.goto(`${proxy.url}${path}`);
  await expect(again.getByLabel(situation)).toHaveValue('');
  await again.getByLabel('Nhập bản sao lưu').setInputFiles(file);
  await expect(again.getByText('Đã nhập 1 thay đổi từ bản sao lưu.')).toBeVisible();
  await expect(again.getByLabel(situation)).toHaveValue(text);
  await waitSynced(again);
  expect(value(await serverReport('thongtayhoi.01', cityPlan(year), code, THONG_TAY_HOI), 'tinh_hinh')).toBe(text);
  await second.close();
});

test('a progress page opened online opens again offline, with the reviewers\' build kept', async ({ page, context }, info) => {
  const code = period(info.project.name, year);
  const plan = cityPlan(year);
  await login(page, proxy.url, 'hcm.snv');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.locator(`a[href="/tien-do/${plan}/${code}"]`).click();
  const heading = page.getByRole('heading', { name: 'Tiến độ báo cáo: Thành phố Hồ Chí Minh' });
  await expect(heading).toBeVisible();
  await expect(page.locator(`tr[data-unit="${THONG_TAY_HOI}"]`)).toBeVisible();
  await waitSynced(page);

  await goOffline(context, proxy);
  await page.reload();
  await expect(page.locator('.net.offline')).toBeVisible();
  await expect(heading).toBeVisible();
  await expect(page.locator(`tr[data-unit="${THONG_TAY_HOI}"]`)).toBeVisible();
});
