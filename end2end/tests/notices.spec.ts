import { expect, test } from '@playwright/test';
import {
  districtPlan, fillRequired, goOffline, goOnline, login, period, proxyForEachTest, reportPath, submitReport, waitSynced,
} from './helpers';
import { expectAccessible } from './usable';

// Reminders (đôn đốc) in one action, and what reaches the ward: its notices, unread in the
// header, a returned report's comment at the top of its home page, read offline.

const proxy = proxyForEachTest();
const UNIT = 'HCM.GV.P01';

function today(): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

test('a reviewer reminds the units that have not reported; the ward reads it, then its return, offline too', async ({ browser }, info) => {
  test.setTimeout(120_000);
  const code = period(info.project.name, 2023);
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await login(reviewer, '', 'govap.pnv');
  await reviewer.goto(`/tien-do/${districtPlan}/${code}`);
  const outstanding = reviewer.getByTestId('outstanding');
  const remind = outstanding.getByTestId('remind');
  // The text is drafted from the period, without the addressee (each unit gets its own).
  const text = remind.getByLabel('Nội dung đôn đốc (sửa một lần cho tất cả)');
  await expect(text).toHaveValue(/^Đến nay, Phòng Nội vụ quận Gò Vấp chưa nhận được “Báo cáo /);
  await expect(remind.getByRole('button', { name: /^Đôn đốc tất cả \d+ đơn vị chưa nộp$/ })).toBeVisible();

  // One unit chosen, the text edited once.
  await outstanding.getByRole('checkbox', { name: 'Chọn để đôn đốc Phường 1', exact: true }).check();
  await text.fill(`${await text.inputValue()} Trân trọng.`);
  await remind.getByRole('button', { name: 'Đôn đốc 1 đơn vị đã chọn' }).click();
  await expect(remind.getByTestId('remind-outcome')).toHaveText('Đã đôn đốc 1 đơn vị.');
  const p01 = outstanding.locator(`li[data-unit="${UNIT}"]`);
  await expect(p01.getByTestId('reminded')).toHaveText(`Đã nhắc 1 lần, lần cuối ${today()}`);
  await expectAccessible(reviewer, 'progress with the reminder sent');

  // Clicked again for everyone: Phường 1 is not reminded twice the same day.
  await remind.getByRole('button', { name: /^Đôn đốc tất cả/ }).click();
  await expect(remind.getByTestId('remind-outcome')).toContainText('1 đơn vị đã được đôn đốc hôm nay, không nhắc lại.');
  await reviewer.reload();
  await expect(p01.getByTestId('reminded')).toHaveText(`Đã nhắc 1 lần, lần cuối ${today()}`);

  // The ward: one unread notice in the header, the letter on top of its home page.
  const wardContext = await browser.newContext();
  const ward = await wardContext.newPage();
  await login(ward, proxy.url, 'govap.p01');
  const link = ward.getByTestId('notices-link');
  await expect(link).toHaveAttribute('aria-label', 'Thông báo, 1 chưa đọc');
  const top = ward.getByTestId('unread-notices');
  await expect(top.getByTestId('notice')).toHaveCount(1);
  await expect(top).toContainText('Đôn đốc nộp báo cáo');
  await expect(top.locator('blockquote')).toContainText('Kính gửi: Ủy ban nhân dân phường 1.');
  await expect(top.locator('blockquote')).toContainText('Trân trọng.');
  await expectAccessible(ward, 'home with an unread notice');
  await top.getByRole('button', { name: 'Đã xem' }).click();
  await expect(top).toHaveCount(0);
  await expect(link).toHaveAttribute('aria-label', 'Thông báo');

  // The ward submits; the reviewer returns the report with a comment.
  await ward.goto(`${proxy.url}${reportPath(districtPlan, code, UNIT)}`);
  await fillRequired(ward);
  await submitReport(ward);
  await waitSynced(ward);
  await reviewer.goto(reportPath(districtPlan, code, UNIT));
  const review = reviewer.getByTestId('review');
  await review.getByLabel('Ý kiến khi trả lại (đơn vị sẽ thấy)').fill('Bổ sung số liệu tiếp công dân.');
  await review.getByRole('button', { name: 'Trả lại' }).click();
  await waitSynced(reviewer);

  // At the top of the ward's home, with the comment, before anything else.
  await ward.goto(`${proxy.url}/`);
  await expect(top.getByTestId('notice').first()).toHaveAttribute('data-kind', 'Returned');
  await expect(top.getByTestId('notice').first().locator('blockquote')).toHaveText('Bổ sung số liệu tiếp công dân.');
  await expect(link).toHaveAttribute('aria-label', 'Thông báo, 1 chưa đọc');

  // Offline, the notices page reads what the device holds: newest first.
  await ward.goto(`${proxy.url}/thong-bao`);
  const list = ward.getByTestId('notices').getByTestId('notice');
  await expect(list.first()).toContainText('Bổ sung số liệu tiếp công dân.');
  await goOffline(wardContext, proxy);
  await ward.reload();
  await expect(list.first()).toContainText('Báo cáo bị trả lại');
  await expect(list.first()).toContainText('Bổ sung số liệu tiếp công dân.');
  await expect(list.nth(1)).toContainText('Đôn đốc nộp báo cáo');
  // How notices reach the user by mail needs the server.
  await expect(ward.getByTestId('notice-settings')).toContainText('Cần có mạng để xem và đổi cách nhận thông báo.');
  // Marked read offline: read at once, and still read once back online.
  await ward.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
  await expect(link).toHaveAttribute('aria-label', 'Thông báo');
  await goOnline(wardContext, proxy);
  await ward.reload();
  await expect(list.first()).toContainText('Bổ sung số liệu tiếp công dân.');
  await expect(link).toHaveAttribute('aria-label', 'Thông báo');
  await expect(ward.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' })).toHaveCount(0);
  await expect(ward.getByTestId('notice-settings')).toContainText('Máy chủ chưa bật gửi thư điện tử');
  await reviewerContext.close();
  await wardContext.close();
});
