import { expect, test } from '@playwright/test';
import { cityPlan, fillRequired, login, period, reportPath, submitReport, THONG_TAY_HOI, waitSynced, year } from './helpers';
import { expectAccessible } from './usable';

// The reviewer's side (Sở Nội vụ of the city): progress that updates as wards sync,
// "Chưa nộp" with reminders, returning and accepting, and the consolidation taken into the
// city's own report.

const base = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;

test('a reviewer follows progress live, returns and accepts a report, and consolidates', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const code = period(info.project.name, year);
  const plan = cityPlan(year);
  // The city plan's deadlines: 20/06 and 20/12 (00:00 in Vietnam).
  const due = Date.parse(`${year}-${code.endsWith('6T') ? '06' : '12'}-20T00:00:00+07:00`);
  const onTime = Date.now() < due;
  const wardContext = await browser.newContext();
  const ward = await wardContext.newPage();
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();

  // The reviewer opens the progress of the period: Phường Thông Tây Hội has not reported yet.
  await login(reviewer, base, 'hcm.snv');
  // The home page comes with the ward's build, the review pages with the reviewers'.
  await expect(reviewer.locator('link[rel="modulepreload"]')).toHaveAttribute('href', /\/baocao\.js$/);
  await reviewer.locator(`a[href="/tien-do/${plan}/${code}"]`).click();
  await expect(reviewer.getByRole('heading', { name: 'Tiến độ báo cáo: Thành phố Hồ Chí Minh' })).toBeVisible();
  await expect(reviewer.locator('link[rel="modulepreload"]')).toHaveAttribute('href', /\/baocao-review\.js$/);
  const p07 = reviewer.locator(`tr[data-unit="${THONG_TAY_HOI}"]`);
  await expect(p07).toContainText('Chưa nộp');
  const outstanding = reviewer.getByTestId('outstanding');
  const p07Outstanding = outstanding.locator(`li[data-unit="${THONG_TAY_HOI}"]`);
  await expect(p07Outstanding).toContainText('Cán bộ Phường Thông Tây Hội (thongtayhoi.01)');
  // The reminder, drafted once for all the units that have not reported (notices.spec sends one).
  await expect(outstanding.getByTestId('remind').locator('textarea')).toHaveValue(/^Đến nay, Sở Nội vụ Thành phố Hồ Chí Minh chưa nhận được “/);

  // The ward submits; the reviewer's page shows it without a reload.
  await login(ward, base, 'thongtayhoi.01');
  await ward.goto(`${base}${reportPath(plan, code, THONG_TAY_HOI)}`);
  await fillRequired(ward);
  await ward.getByLabel('Số hồ sơ thủ tục hành chính tiếp nhận').fill('1250');
  await ward.getByLabel('Số hồ sơ giải quyết đúng hạn').fill('1180');
  await ward.getByLabel('Số hồ sơ giải quyết trễ hạn').fill('20');
  await ward.getByLabel('Kết quả tiếp công dân, đối thoại, giải quyết đơn thư').fill('Phường tiếp 12 lượt công dân.');
  await submitReport(ward);
  await expect(ward.getByTestId('submit-confirm')).toHaveCount(0);
  await expect(ward.getByTestId('receipt')).toBeVisible({ timeout: 20_000 });
  await expect(p07).toContainText('Đã nộp', { timeout: 45_000 });
  await expect(p07Outstanding).toHaveCount(0);

  // Returned with a comment: the ward sees it after its next sync.
  await p07.getByRole('link', { name: 'Đã nộp' }).click();
  const review = reviewer.getByTestId('review');
  await review.getByRole('button', { name: 'Trả lại' }).click();
  await expect(review.getByRole('alert')).toHaveText('Cần ghi ý kiến để đơn vị biết phải chỉnh sửa gì.');
  await review.getByLabel('Ý kiến khi trả lại (đơn vị sẽ thấy)').fill('Bổ sung số liệu đơn thư.');
  // The comment typed survives a reload before it is sent.
  await reviewer.reload();
  await expect(review.getByLabel('Ý kiến khi trả lại (đơn vị sẽ thấy)')).toHaveValue('Bổ sung số liệu đơn thư.');
  await review.getByRole('button', { name: 'Trả lại' }).click();
  await waitSynced(reviewer);
  await expect(reviewer.locator('.report-head .status')).toHaveText('Bị trả lại');
  await ward.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(ward.locator('.returned')).toContainText('Bổ sung số liệu đơn thư.', { timeout: 20_000 });
  await expectAccessible(ward, 'returned report');

  // Resubmitted and accepted, each asked once.
  await submitReport(ward);
  await waitSynced(ward);
  await expect(ward.locator('.report-head .status')).toHaveText('Đã nộp lại');
  await reviewer.reload();
  await reviewer.getByTestId('review').getByRole('button', { name: 'Tiếp nhận' }).click();
  await expect(reviewer.getByTestId('accept-confirm')).toContainText('đơn vị không sửa được báo cáo nữa');
  await reviewer.getByRole('button', { name: 'Xác nhận tiếp nhận' }).click();
  await waitSynced(reviewer);
  await expect(reviewer.locator('.report-head .status')).toHaveText('Đã tiếp nhận');

  // Plan progress counts the accepted report's task answers; the history grid shows it late.
  await reviewer.goto(`${base}/tien-do/${plan}/${code}`);
  const task = reviewer.getByTestId('task-progress').locator('tr[data-task="1.1"]');
  await task.locator('summary').click();
  await expect(task.locator('.answers')).toContainText('Phường Thông Tây Hội: Chưa thực hiện');
  await reviewer.getByRole('link', { name: 'Lịch sử nộp báo cáo' }).click();
  // The city's grid has pages; a name typed without diacritics finds the ward.
  await expect(reviewer.getByTestId('page')).toContainText('Trang 1/2');
  await reviewer.getByLabel('Tìm đơn vị').fill('thong tay hoi');
  await reviewer.getByRole('button', { name: 'Tìm' }).click();
  await expect(reviewer.getByTestId('page')).toContainText('Trang 1/1');
  const row = reviewer.getByTestId('timeliness').locator(`tr[data-unit="${THONG_TAY_HOI}"]`);
  await expect(row.locator('td.cell').first()).toBeVisible();
  // Its former wards' rows follow it.
  await expect(reviewer.getByTestId('timeliness')).toContainText('Phường 8, Quận Gò Vấp');
  // Columns are named by plan and period label; a cell opens its report.
  const column = await reviewer.locator('table.timeliness th.period').evaluateAll(
    (ths, [p, c]) => ths.findIndex((th) => (th as HTMLElement).dataset.plan === p && (th as HTMLElement).dataset.period === c),
    [plan, code]);
  await expect(reviewer.locator('table.timeliness th.period').nth(column)).toContainText('95/KH-UBND');
  const cell = row.locator('td.cell').nth(column);
  await expect(cell).toHaveText(onTime ? '✓' : 'T');
  await cell.getByRole('link', { name: onTime ? 'Đúng hạn' : 'Trễ hạn' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/bao-cao/${plan}/${code}/${THONG_TAY_HOI}$`));

  // The consolidation of accepted reports holds exactly this ward's figures, rates recomputed.
  await reviewer.goto(`${base}/tong-hop/${plan}/${code}?don-vi=HCM&co-so=accepted`);
  const totals = reviewer.getByTestId('totals');
  await expect(totals.locator('tr[data-field="hs_tiep_nhan"] td.num')).toHaveText('1.250 hồ sơ');
  await expect(totals.locator('tr[data-field="ty_le_dung_han"] td.num')).toHaveText('98,33%');
  await expect(reviewer.getByTestId('by-unit').locator(`tr[data-unit="${THONG_TAY_HOI}"]`)).toContainText('Đã tiếp nhận');
  await expect(reviewer.getByTestId('narratives')).toContainText('Phường Thông Tây Hội: Phường tiếp 12 lượt công dân.');

  // The figures and the draft report download as files.
  for (const [name, file] of [['Tải bảng tính (XLSX)', /^tong-hop_.*_HCM\.xlsx$/], ['Tải dự thảo báo cáo (DOCX)', /^bao-cao_.*_HCM\.docx$/]] as const) {
    const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.getByRole('link', { name }).click()]);
    expect(download.suggestedFilename()).toMatch(file);
    expect(await download.failure()).toBeNull();
  }

  // Taken into the city's own report as its draft.
  await reviewer.getByRole('button', { name: 'Đưa vào báo cáo của đơn vị' }).click();
  await expect(reviewer).toHaveURL(new RegExp(`/bao-cao/${plan}/${code}/HCM$`));
  await expect(reviewer.getByLabel('Số hồ sơ thủ tục hành chính tiếp nhận')).toHaveValue('1.250');
  // The draft: the section's figures as a sentence, then the wards' passages under their kind.
  await expect(reviewer.getByLabel('Kết quả tiếp công dân, đối thoại, giải quyết đơn thư')).toHaveValue(/^Số lượt tiếp công dân: [\d.]+ lượt[^\n]*\n\nCác phường:\n\nPhường Thông Tây Hội: Phường tiếp 12 lượt công dân\./);
  await waitSynced(reviewer);

  await wardContext.close();
  await reviewerContext.close();
});

test('the progress page fits a phone', async ({ page }, info) => {
  test.skip(info.project.name !== 'mobile');
  await login(page, base, 'govap.pnv');
  await page.goto(`${base}/tien-do/847-KH-UBND-2023/2023-6T`);
  await expect(page.getByTestId('progress-table')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('tally')).toContainText('Phải nộp: 21');
});
