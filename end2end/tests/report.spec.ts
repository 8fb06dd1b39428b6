import { BrowserContext, expect, Page, test } from '@playwright/test';
import { expectAccessible } from './usable';
import { year, period, reportPath, login, waitSynced, submitReport, goOffline, goOnline, serverReport, value, fillRequired, cityPlan, districtPlan, HANH_THONG, THONG_TAY_HOI, proxyForEachTest } from './helpers';

const proxy = proxyForEachTest();

test('typed values survive reloads and new tabs offline, and an offline submission goes through', async ({ page, context }, info) => {
  const plan = cityPlan(year + 1);
  const code = period(info.project.name, year + 1);
  const path = reportPath(plan, code, HANH_THONG);
  await login(page, proxy.url, 'hanhthong.01');
  await page.goto(`${proxy.url}${path}`);
  // The city plan states each period's data range (Nghị định 09/2019).
  await expect(page.getByTestId('data-range')).toContainText(`Số liệu tính từ ngày 15/12/${year}`);
  const situation = page.getByLabel('Đặc điểm tình hình của địa phương, đơn vị trong kỳ');
  await situation.fill('Tình hình ổn định.');
  await page.reload();
  await expect(situation).toHaveValue('Tình hình ổn định.');
  await waitSynced(page);
  await page.evaluate(() => navigator.serviceWorker.ready);

  await goOffline(context, proxy);
  const strengths = page.getByRole('textbox', { name: 'Ưu điểm', exact: true });
  // A field is named by its template label alone; its unit describes it.
  const visits = page.getByRole('textbox', { name: 'Số lượt tiếp công dân', exact: true });
  await expect(visits).toHaveAttribute('aria-required', 'true');
  await expect(visits).toHaveAccessibleDescription(/lượt/);
  await strengths.fill('Làm tốt khi mất mạng.');
  await visits.fill('1.234');
  await expect(page.locator('.net.offline')).toBeVisible();
  await page.reload();
  await expect(strengths).toHaveValue('Làm tốt khi mất mạng.');
  await expect(visits).toHaveValue('1.234');

  const tab = await context.newPage();
  await tab.goto(`${proxy.url}${path}`);
  await expect(tab.getByRole('textbox', { name: 'Ưu điểm', exact: true })).toHaveValue('Làm tốt khi mất mạng.');
  await expect(tab.getByLabel('Số lượt tiếp công dân')).toHaveValue('1.234');
  await tab.close();

  await fillRequired(page);
  const pressed = Date.now();
  await submitReport(page);
  await expect(page.getByTestId('queued')).toContainText('Chờ gửi');

  await goOnline(context, proxy);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(page.getByTestId('receipt')).toContainText('Đúng hạn', { timeout: 20_000 });
  const state = await serverReport('hanhthong.01', plan, code, HANH_THONG);
  expect(state.status).toBe('da_nop');
  expect(state.on_time).toBe(true);
  expect(value(state, 'uu_diem')).toBe('Làm tốt khi mất mạng.');
  expect(value(state, 'tcd_luot')).toBe(1234);
  const deviceTime = Date.parse(state.device_submitted_at);
  expect(Math.abs(deviceTime - pressed)).toBeLessThan(5_000);
});

test('a keystroke right before the page closes is kept', async ({ page, context }, info) => {
  const code = period(info.project.name, 2023);
  const path = reportPath(districtPlan, code, 'HCM.GV.P01');
  await login(page, proxy.url, 'govap.p01');
  await page.goto(`${proxy.url}${path}`);
  const field = page.getByLabel('Hạn chế, khó khăn và nguyên nhân');
  // Whatever an earlier test left there (notices.spec submits this report).
  const before = await field.inputValue();
  await field.pressSequentially('Thiếu người');
  await page.waitForTimeout(30);
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(`${proxy.url}${path}`);
  await expect(again.getByLabel('Hạn chế, khó khăn và nguyên nhân')).toHaveValue(`${before}Thiếu người`);
});

test('two officers edit different sections offline and both edits reach the server', async ({ browser }, info) => {
  const code = period(info.project.name, year);
  const path = reportPath(cityPlan(year), code, HANH_THONG);
  const officers = [
    { user: 'hanhthong.01', label: 'Công tác lãnh đạo, chỉ đạo, ban hành văn bản triển khai', text: 'Ban hành 3 kế hoạch.' },
    { user: 'hanhthong.02', label: 'Phương hướng, nhiệm vụ trọng tâm kỳ tới', text: 'Tiếp tục đối thoại.' },
  ];
  const sessions = [];
  for (const o of officers) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, proxy.url, o.user);
    await page.goto(`${proxy.url}${path}`);
    await expect(page.getByLabel(o.label)).toBeVisible();
    sessions.push({ context, page, ...o });
  }
  for (const s of sessions) await s.context.setOffline(true);
  await proxy.down();
  for (const s of sessions) {
    await s.page.getByLabel(s.label).fill(s.text);
    await expect(s.page.getByTestId('pending-count')).not.toHaveAttribute('data-count', '0');
  }
  await goOnlineAll(sessions.map((s) => s.context));
  for (const s of sessions) {
    await s.page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await waitSynced(s.page);
  }
  const state = await serverReport('hanhthong.01', cityPlan(year), code, HANH_THONG);
  for (const o of officers) {
    const slot = Object.entries(state.slots).find(([, v]: any) => v.current?.value?.value === o.text);
    expect(slot, o.text).toBeTruthy();
  }
  for (const s of sessions) await s.context.close();
});

test('the same field typed on two devices offline becomes a conflict both see and one resolves', async ({ browser }, info) => {
  const code = period(info.project.name, 2023);
  const path = reportPath(districtPlan, code, 'HCM.GV.P07');
  const sessions = [];
  for (const user of ['govap.p07', 'govap.p07']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, proxy.url, user);
    await page.goto(`${proxy.url}${path}`);
    await expect(page.getByLabel('Số kỳ tiếp công dân lưu động')).toBeVisible();
    sessions.push({ context, page });
  }
  for (const s of sessions) await s.context.setOffline(true);
  await proxy.down();
  await sessions[0].page.getByLabel('Số kỳ tiếp công dân lưu động').fill('4');
  await sessions[1].page.getByLabel('Số kỳ tiếp công dân lưu động').fill('6');
  await goOnlineAll(sessions.map((s) => s.context));
  for (const s of [...sessions, ...sessions]) {
    await s.page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await waitSynced(s.page);
  }
  for (const s of sessions) {
    await expect(s.page.getByTestId('conflict')).toBeVisible();
    const quotes = s.page.getByTestId('conflict').locator('blockquote');
    await expect(quotes).toHaveCount(2);
    expect((await quotes.allTextContents()).sort()).toEqual(['4', '6']);
  }
  await expectAccessible(sessions[0].page, 'report with a conflict');
  // The sync bar says a choice waits (never that everything is on the server), on every
  // page, and leads to the field.
  const first = sessions[0].page;
  // Among the notices too, named by its report and field.
  await first.goto(`${proxy.url}/thong-bao`);
  const waiting = first.getByTestId('conflict-notices').getByTestId('conflict-notice');
  await expect(waiting).toHaveCount(1);
  await expect(waiting).toContainText('Hai bản khác nhau chờ chọn: Báo cáo');
  await expect(waiting).toContainText('Số kỳ tiếp công dân lưu động');
  await expect(waiting.getByRole('link', { name: 'Chọn bản giữ lại' })).toHaveAttribute('href', `${path}#f-tcd_luu_dong_ky`);
  await first.goto(`${proxy.url}/`);
  await expect(first.getByTestId('conflicts-waiting')).toHaveText('1 trường chờ bạn chọn giá trị');
  await expect(first.getByTestId('sync-status')).not.toContainText('Mọi thay đổi đã lên máy chủ');
  await first.getByTestId('conflicts-waiting').click();
  await expect(first).toHaveURL(new RegExp(`${path.replaceAll('.', '\\.')}#f-tcd_luu_dong_ky$`));
  await expect(first.getByLabel('Số kỳ tiếp công dân lưu động')).toBeFocused();
  await sessions[1].page.getByTestId('conflict').getByRole('listitem')
    .filter({ has: sessions[1].page.locator('blockquote', { hasText: /^6$/ }) })
    .getByRole('button', { name: 'Giữ giá trị này' }).click();
  await waitSynced(sessions[1].page);
  await expect(sessions[1].page.getByTestId('conflict')).toHaveCount(0);
  const state = await serverReport('govap.p07', districtPlan, code, 'HCM.GV.P07');
  expect(value(state, 'tcd_luu_dong_ky')).toBe(6);
  expect(state.slots['tcd_luu_dong_ky'].conflicts).toHaveLength(0);
  await sessions[1].page.getByRole('button', { name: 'Xem lịch sử' }).click();
  await expect(sessions[1].page.getByTestId('history')).toContainText('Số kỳ tiếp công dân lưu động');
  for (const s of sessions) await s.context.close();
});

async function goOnlineAll(contexts: BrowserContext[]) {
  await proxy.up();
  for (const c of contexts) await c.setOffline(false);
}

/// Presses Tab until the focus reaches the form's submit button, typing into each field on
/// the way: the value given for its id, or, when it is required and empty, a number or a
/// sentence. Fails if the button never takes the focus.
async function tabToSubmit(page: Page, values: Record<string, string>) {
  for (let presses = 0; presses < 400; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return {
        id: el?.id ?? '',
        submit: el?.tagName === 'BUTTON' && el.textContent === 'Nộp báo cáo',
        required: el?.getAttribute('aria-required') === 'true',
        numeric: el?.hasAttribute('inputmode') ?? false,
        empty: (el?.value ?? '') === '',
      };
    });
    if (focused.submit) return;
    const value = values[focused.id] ?? (focused.required && focused.empty
      ? (focused.numeric ? '0' : 'Đã triển khai theo kế hoạch.') : undefined);
    if (value !== undefined) {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
    }
  }
  throw new Error('the submit button never took the focus');
}

test('a report is written and submitted with the keyboard alone; a rule error blocks it and leads to its field; a warning does not', async ({ page }, info) => {
  const code = period(info.project.name, year + 1);
  const path = reportPath(cityPlan(year + 1), code, THONG_TAY_HOI);
  await login(page, proxy.url, 'thongtayhoi.01');
  await page.goto(`${proxy.url}${path}`);
  await expect(page.locator('.report textarea').first()).toBeVisible();

  // The first stop of the keyboard is a skip link, shown when it has the focus.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung trang' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();

  await tabToSubmit(page, { 'f-tcd_luot': '5', 'f-tcd_lanh_dao_luot': '9' });
  const error = 'Số lượt lãnh đạo tiếp không được lớn hơn tổng số lượt tiếp công dân.';
  await expect(page.locator('.field[data-field="tcd_luot"] .msg.error')).toHaveText(error);
  await page.keyboard.press('Enter');
  // A refused submission is an alert (announced at once), each problem a link to its field.
  const problems = page.getByTestId('submit-errors');
  await expect(problems).toHaveAttribute('role', 'alert');
  await expect(problems.getByRole('link', { name: error })).toHaveAttribute('href', '#f-tcd_lanh_dao_luot');
  await expect(page.getByTestId('queued')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(problems.getByRole('link', { name: error })).toBeFocused();
  await page.keyboard.press('Enter');
  const leaders = page.getByLabel('Trong đó: lãnh đạo tiếp');
  await expect(leaders).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');

  await tabToSubmit(page, { 'f-don_vuot_cap': '3' });
  await expect(page.locator('.field[data-field="don_vuot_cap"] .msg.warning')).toBeVisible();
  await page.keyboard.press('Enter');
  // Asked once, the confirming button focused: Enter again submits.
  await expect(page.getByTestId('submit-confirm')).toContainText('bị khóa cho đến khi được trả lại');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt')).toContainText('Máy chủ nhận lúc', { timeout: 20_000 });
  await expect(page.getByTestId('submitted')).toContainText('Đã nộp cho');
  await expectAccessible(page, 'submitted report');
  // The sync status is a live region: what it says is announced as it changes.
  await expect(page.getByRole('status').filter({ has: page.getByTestId('pending-count') })).toBeVisible();
});

test('the report page fits a phone and offers the number keyboard', async ({ page }, info) => {
  test.skip(info.project.name !== 'mobile');
  await login(page, proxy.url, 'govap.p07');
  await page.goto(`${proxy.url}${reportPath(districtPlan, '2023-6T', 'HCM.GV.P07')}`);
  await expect(page.getByLabel('Số lượt tiếp công dân')).toHaveAttribute('inputmode', 'numeric');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const target of await page.locator('.report button, .report input, .report select, .report textarea').all()) {
    const box = await target.boundingBox();
    if (box) expect(box.height).toBeGreaterThanOrEqual(44);
  }
});

test('a push the server refuses is named as refused, with its reason, and goes through once allowed', async ({ page }, info) => {
  const code = period(info.project.name, 2023);
  await login(page, '', 'govap.p07');
  await page.goto(reportPath(districtPlan, code, 'HCM.GV.P07'));
  const field = page.getByLabel('Số hồ sơ thủ tục hành chính tiếp nhận');
  await expect(field).toBeVisible();
  await waitSynced(page);
  // A proxy that rewrites the Origin (a wrong public address): the server itself refuses
  // the push, as it refuses any request from another site.
  await page.route('**/api/v1/sync', async (route) => {
    const headers = { ...route.request().headers(), origin: 'http://proxy.example' };
    await route.fulfill({ response: await route.fetch({ headers }) });
  });
  await field.fill('1.203');
  const refused = page.getByTestId('push-refused');
  await expect(refused).toContainText('Máy chủ từ chối thay đổi: ');
  await expect(refused).toContainText('yêu cầu gửi từ trang web khác');
  // Not a lost network.
  await expect(page.getByTestId('sync-status').locator('.net')).toHaveText('Có mạng');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await page.unroute('**/api/v1/sync');
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await waitSynced(page);
  await expect(refused).toHaveCount(0);
  const state = await serverReport('govap.p07', districtPlan, code, 'HCM.GV.P07');
  expect(value(state, 'hs_tiep_nhan')).toBe(1203);
});
test.describe('without the service worker, so that the page itself fetches the editor', () => {
  test.use({ serviceWorkers: 'block' });

  test('an editor whose code does not arrive is named, the app keeps running, and a retry brings it', async ({ page }) => {
    await login(page, proxy.url, 'govap.p07');
    // The ward's build fetches the editor (split_*.wasm) with the first report shown: the
    // connection drops right then.
    let cut = true;
    await page.route(/\/pkg\/split_[^/]*\.wasm$/, (route) => (cut ? route.abort('internetdisconnected') : route.continue()));
    await page.goto(`${proxy.url}${reportPath(districtPlan, '2023-6T', 'HCM.GV.P07')}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Chưa tải được phần soạn báo cáo' });
    await expect(alert).toBeVisible();
    // The app still runs (a panic would have stopped it): its retry button fetches again.
    cut = false;
    await alert.getByRole('button', { name: 'Thử lại' }).click();
    await expect(page.getByLabel('Số lượt tiếp công dân')).toBeVisible();
    await expect(alert).toHaveCount(0);
  });
});
