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
  await expect(ward.getByTestId('notice-settings')).toContainText('Tài khoản chưa có địa chỉ thư điện tử');
  await reviewerContext.close();
  await wardContext.close();
});

test('a notice pushed to the device shows as a notification, and the notification opens its report', async ({ browser }, info) => {
  const code = period(info.project.name, 2023);
  const context = await browser.newContext();
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  await login(page, proxy.url, 'govap.p01');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.goto(`${proxy.url}/thong-bao`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const settings = page.getByTestId('notice-settings');
  await expect(settings.getByRole('heading', { name: 'Thông báo trên thiết bị này' })).toBeVisible();
  // This Chromium has no push service to subscribe with (no Google services, no network):
  // the page says that it could not turn notifications on, rather than pretending.
  await settings.getByRole('button', { name: 'Nhận thông báo trên thiết bị này' }).click();
  await expect(settings.getByRole('alert')).toContainText('Chưa bật được thông báo trên thiết bị này', { timeout: 30_000 });
  await expectAccessible(page, 'notice settings with push');

  // What the server pushes, delivered to the service worker as the push service would.
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const path = reportPath(districtPlan, code, UNIT);
  const message = {
    title: 'Báo cáo bị trả lại',
    body: 'Báo cáo 6 tháng đầu năm 2023 – Phường 1\nBổ sung số liệu tiếp công dân.',
    url: path,
    tag: 'm-push-1',
  };
  const origin = new URL(proxy.url).origin;
  const push = async () => cdp.send('ServiceWorker.deliverPushMessage', {
    origin, registrationId: await registrationId, data: JSON.stringify(message),
  });
  await push();
  // Sent twice (a retry), shown once: the tag is the notice's.
  await push();
  const shown = () => page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const notifications = await registration.getNotifications();
    return notifications.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data.url }));
  });
  await expect.poll(shown).toEqual([{ title: message.title, body: message.body, tag: message.tag, url: path }]);

  // Clicked, it opens the report in the app's window. (A click on a notification cannot be
  // made through the browser's protocol: the worker receives the event a click dispatches.)
  const [worker] = context.serviceWorkers();
  await worker.evaluate(async () => {
    const scope = self as unknown as ServiceWorkerGlobalScope;
    const [notification] = await scope.registration.getNotifications();
    scope.dispatchEvent(new NotificationEvent('notificationclick', { notification }));
  });
  await expect(page).toHaveURL(`${proxy.url}${path}`);
  await expect.poll(shown).toEqual([]);
  await context.close();
});
