import { expect, test } from '@playwright/test';

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

test('a wrong password is refused in Vietnamese', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('govap.p01');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
});

test('a reviewer sees the units of the district', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByLabel('Tên đăng nhập').fill('govap.pnv');
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /Quận Gò Vấp/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Phường 17' }).first()).toBeVisible();
});

test('pages without a session lead to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/dang-nhap$/);
});
