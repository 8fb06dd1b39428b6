import { expect, Page, test } from '@playwright/test';
import {
  apiAs, cityPlan, goOffline, goOnline, HANH_THONG, login, proxyForEachTest, reportPath, serverReport,
  THONG_TAY_HOI, waitSynced, year,
} from './helpers';
import { expectAccessible } from './usable';

// The year's evaluation: a commune assesses itself offline (on the phone in the mobile
// project), with its evidence, keeps it across a reload and submits it once back online;
// the city decides with a reason where it differs, accepts, then ranks and exports.
// Each project has its own commune.

const proxy = proxyForEachTest();
const plan = cityPlan(year);
const PERIOD = `${year}-DG`;

function commune(project: string) {
  return project === 'mobile'
    ? { unit: HANH_THONG, user: 'hanhthong.01' }
    : { unit: THONG_TAY_HOI, user: 'thongtayhoi.01' };
}

/// A PDF, different per `seed`.
function pdf(seed: number): Buffer {
  const bytes = Buffer.alloc(3000, seed);
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

function criterion(page: Page, code: string) {
  return page.locator(`[data-criterion="${code}"]`);
}

test('a commune assesses itself offline with evidence; the city decides, ranks and exports', async ({ page, context, browser }, info) => {
  test.setTimeout(120_000);
  const { unit, user } = commune(info.project.name);
  await login(page, proxy.url, user);
  await page.goto(`${proxy.url}${reportPath(plan, PERIOD, unit)}`);
  await expect(criterion(page, 'lanh_dao').getByRole('heading')).toContainText('Lãnh đạo, chỉ đạo');
  await waitSynced(page);
  // Computed criteria say what they read; the reviewer's own is not the unit's to score.
  await expect(criterion(page, 'bao_cao').getByTestId('basis')).toContainText('Báo cáo đúng hạn');
  await expect(criterion(page, 'cap_tren')).toContainText('Do cơ quan cấp trên cho điểm');

  await goOffline(context, proxy);
  // Typed key by key, as a phone's keyboard sends it: "9," is kept while it is typed.
  const lanhDao = criterion(page, 'lanh_dao').getByLabel('Điểm tự chấm');
  await lanhDao.pressSequentially('9,5');
  await expect(lanhDao).toHaveValue('9,5');
  await criterion(page, 'tuyen_truyen').getByLabel('Điểm tự chấm').fill('0');
  const danChu = criterion(page, 'dan_chu_co_so').getByLabel('Điểm tự chấm');
  await danChu.fill('15,5');
  await expect(criterion(page, 'dan_chu_co_so')).toContainText('từ 0 đến 15');
  await danChu.fill('12,5');
  await criterion(page, 'lanh_dao').getByLabel('Giải trình').fill('Kế hoạch số 12/KH-UBND ban hành đúng hạn.');
  await expect(criterion(page, 'lanh_dao').getByTestId('evidence-missing')).toBeVisible();
  const proposed = page.getByTestId('proposed-total');
  await expect(proposed).toContainText(/\d/);

  // Evidence for two criteria, chosen in the files card, kept on the device.
  const card = page.getByTestId('report-files');
  await card.getByTestId('file-criterion').selectOption('lanh_dao');
  await card.getByTestId('file-input').setInputFiles({ name: 'Kế hoạch 12.pdf', mimeType: 'application/pdf', buffer: pdf(1) });
  await card.getByTestId('file-criterion').selectOption('dan_chu_co_so');
  await card.getByTestId('file-input').setInputFiles({ name: 'Biên bản hội nghị.pdf', mimeType: 'application/pdf', buffer: pdf(2) });
  await expect(card.getByTestId('queued-file')).toHaveCount(2);

  // A reload without a network keeps every keystroke and file.
  await page.reload();
  await expect(criterion(page, 'lanh_dao').getByLabel('Điểm tự chấm')).toHaveValue('9,5');
  await expect(criterion(page, 'dan_chu_co_so').getByLabel('Điểm tự chấm')).toHaveValue('12,5');
  await expect(card.getByTestId('queued-file')).toHaveCount(2);
  const before = await proposed.textContent();
  await expectAccessible(page, 'the self-assessment');

  await goOnline(context, proxy);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(card.getByTestId('queued-file')).toHaveCount(0, { timeout: 30_000 });
  await expect(card.getByTestId('attached-file')).toHaveCount(2);
  await expect(criterion(page, 'lanh_dao').getByTestId('evidence')).toContainText('1 tệp');
  await expect(criterion(page, 'lanh_dao').getByTestId('evidence-missing')).toHaveCount(0);
  await waitSynced(page);
  expect(await proposed.textContent()).toBe(before);
  await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
  await page.getByTestId('submit-confirm').getByRole('button', { name: 'Xác nhận nộp' }).click();
  await waitSynced(page);
  const state = await serverReport(user, plan, PERIOD, unit);
  expect(state.status).toBe('da_nop');
  expect(state.slots['claim:lanh_dao'].current.value.value).toBe(9.5);

  // The city decides: lower points need a reason before it can accept.
  const cityContext = await browser.newContext({ baseURL: proxy.url });
  const city = await cityContext.newPage();
  await login(city, proxy.url, 'hcm.snv');
  await city.goto(`${proxy.url}${reportPath(plan, PERIOD, unit)}`);
  const decide = (code: string) => criterion(city, code).getByLabel('Điểm thẩm định');
  await decide('dan_chu_co_so').fill('11');
  await expect(criterion(city, 'dan_chu_co_so').getByTestId('differs')).toBeVisible();
  await decide('cap_tren').fill('9');
  await city.getByTestId('review').getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(city.getByTestId('gaps')).toContainText('Ghi lý do điểm thẩm định');
  await criterion(city, 'dan_chu_co_so').getByLabel('Lý do').fill('Biên bản kiểm tra: 2/5 khu phố chưa tổ chức hội nghị.');
  await city.getByTestId('review').getByRole('button', { name: 'Tiếp nhận' }).click();
  await city.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
  await waitSynced(city);
  await expect(city.getByTestId('decided-total')).toContainText('điểm');
  const decided = (await city.getByTestId('decided-total').locator('strong').textContent())!;

  // The ranking: the commune with its decided total and grade; the charts are tables.
  await city.goto(`${proxy.url}/xep-loai/${plan}/${PERIOD}`);
  const row = city.locator(`.ranking tr[data-unit="${unit}"]`);
  await expect(row.getByTestId('total')).toHaveText(decided);
  await expect(row.getByTestId('rank')).not.toHaveText('');
  await expect(city.getByTestId('grade-chart').locator('tbody tr')).toHaveCount(6);
  await expect(city.getByTestId('average-chart')).toContainText('Lãnh đạo, chỉ đạo');
  await city.getByRole('button', { name: 'Tổng điểm' }).click();
  await expect(city.locator('.ranking th[aria-sort="descending"]')).toContainText('Tổng điểm');
  await expectAccessible(city, 'the results');

  const xlsx = city.waitForEvent('download');
  await city.getByRole('link', { name: /XLSX/ }).click();
  expect((await xlsx).suggestedFilename()).toBe(`xep-loai_${plan}_${PERIOD}.xlsx`);
  const docx = city.waitForEvent('download');
  await city.getByRole('link', { name: /DOCX/ }).click();
  expect((await docx).suggestedFilename()).toBe(`danh-sach-xep-loai_${plan}_${PERIOD}.docx`);
  const api = await apiAs('hcm.snv');
  const results = await (await api.get(`/api/v1/evaluations/${plan}/${PERIOD}`)).json();
  const line = results.rows.find((r: any) => r.unit_code === unit);
  expect(line.grade).not.toBeNull();
  expect(line.points.dan_chu_co_so).toBe(11);
  await cityContext.close();
});
