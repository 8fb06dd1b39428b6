import { APIRequestContext, BrowserContext, expect, Page, request, test } from '@playwright/test';
import { SwitchableProxy } from './proxy';

// What the browser tests share: the demo accounts, report addresses, going on and off line,
// and reading a report as the server has it.

export const serverPort = Number(process.env.E2E_PORT ?? 3100);
export const year = new Date().getFullYear();

/// The 2023 plan of Gò Vấp district, kept as history: its wards still write their reports.
export const districtPlan = '847-KH-UBND-2023';

/// The city's plan of a year: the demo loads this year's and next year's.
export function cityPlan(y: number): string {
  return `95-KH-UBND-${y}`;
}

/// Wards of the city since 01/07/2025, each with demo accounts.
export const HANH_THONG = '26890';
export const THONG_TAY_HOI = '26898';

// Each project writes its own reports, so desktop and mobile runs share one database.
export function period(projectName: string, y: number): string {
  return projectName === 'mobile' ? `${y}-N` : `${y}-6T`;
}

export function reportPath(plan: string, periodCode: string, unit: string): string {
  return `/bao-cao/${plan}/${periodCode}/${unit}`;
}

export async function login(page: Page, base: string, username: string) {
  await page.goto(`${base}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('baocao-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('heading', { name: /Báo cáo/ }).first()).toBeVisible();
}

/// On a phone the account, language and links fold behind the "Tài khoản" button.
export async function openAccountMenu(page: Page, name = 'Tài khoản') {
  if (test.info().project.name === 'mobile') {
    await page.getByRole('button', { name }).click();
  }
}

/// A proxy in front of the server for each test of the calling file, up before the test
/// and down after it: a test goes offline by switching it off.
export function proxyForEachTest(): SwitchableProxy {
  // On the port after the server's, which the server knows as its own (playwright.config.ts).
  const proxy = new SwitchableProxy(serverPort, serverPort + 1);
  test.beforeEach(() => proxy.up());
  test.afterEach(() => proxy.down());
  return proxy;
}

/// Presses "Nộp báo cáo" and confirms the question it asks once (who receives the report,
/// and that it locks until returned).
export async function submitReport(page: Page) {
  await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
  const question = page.getByTestId('submit-confirm');
  await expect(question).toContainText('bị khóa cho đến khi được trả lại');
  await question.getByRole('button', { name: 'Xác nhận nộp' }).click();
}

export async function waitSynced(page: Page) {
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 20_000 });
}

export async function goOffline(context: BrowserContext, proxy: SwitchableProxy) {
  await context.setOffline(true);
  await proxy.down();
}

export async function goOnline(context: BrowserContext, proxy: SwitchableProxy) {
  await proxy.up();
  await context.setOffline(false);
}

export async function apiAs(username: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL: `http://127.0.0.1:${serverPort}` });
  const resp = await api.post('/api/v1/session', { data: { username, password: 'baocao-demo' } });
  expect(resp.ok()).toBeTruthy();
  return api;
}

export async function serverReport(username: string, plan: string, periodCode: string, unit: string) {
  const api = await apiAs(username);
  const resp = await api.get(`/api/v1/reports/${plan}/${periodCode}/${unit}`);
  expect(resp.ok()).toBeTruthy();
  return (await resp.json()).state;
}

export function value(state: any, slot: string) {
  return state.slots[slot]?.current?.value?.value;
}

/// Fills every required field still empty so that the report can be submitted.
export async function fillRequired(page: Page) {
  await expect(page.locator('.report textarea').first()).toBeVisible();
  for (const area of await page.locator('.field:has(abbr.required) textarea').all()) {
    if ((await area.inputValue()) === '') await area.fill('Đã triển khai theo kế hoạch.');
  }
  for (const input of await page.locator('.field:has(abbr.required) input[inputmode]').all()) {
    if ((await input.inputValue()) === '') await input.fill('0');
  }
}
