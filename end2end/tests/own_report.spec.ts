import { expect, request, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import {
  apiAs, cityPlan, fillRequired, goOffline, goOnline, login, period, proxyForEachTest, reportPath, submitReport,
  waitSynced, year,
} from './helpers';
import { expectAccessible } from './usable';

// The reviewer's own report (Sở Nội vụ writes the city's): written from the wards'
// passages, offline too, and signed as the document the plan addresses upward.

const proxy = proxyForEachTest();

test('the city\'s report is written from the wards\' passages offline, and its document goes where the plan says', async ({ browser }, info) => {
  test.setTimeout(120_000);
  // Next year's plan, and a ward of its own (every demo ward's reports belong to other
  // specs): its officer's account made by the administrator, its password chosen, its
  // report submitted.
  const plan = cityPlan(year + 1);
  const code = period(info.project.name, year + 1);
  const [unit, unitName] = info.project.name === 'mobile' ? ['26526', 'Phường Tam Thắng'] : ['26506', 'Phường Vũng Tàu'];
  const username = `e2e.own.${info.project.name}`;
  const password = 'Mật khẩu của cán bộ thử';
  const admin = await apiAs('admin');
  const made = await admin.post('/api/v1/admin/accounts', {
    data: { username, display_name: 'Cán bộ thử', role: 'nhap_lieu', unit_code: unit, scope_code: '' },
  });
  expect(made.ok(), await made.text()).toBeTruthy();
  const officer = await request.newContext({ baseURL: proxy.url });
  const first = (await made.json()).password;
  expect((await officer.post('/api/v1/session', { data: { username, password: first } })).ok()).toBeTruthy();
  const changed = await officer.post('/api/v1/password', { data: { current_password: first, new_password: password } });
  expect(changed.ok(), await changed.text()).toBeTruthy();
  const wardContext = await browser.newContext();
  const ward = await wardContext.newPage();
  await ward.goto(`${proxy.url}/dang-nhap`);
  await ward.getByLabel('Tên đăng nhập').fill(username);
  await ward.getByLabel('Mật khẩu').fill(password);
  await ward.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(ward.getByRole('heading', { name: /Báo cáo/ }).first()).toBeVisible();
  await ward.goto(`${proxy.url}${reportPath(plan, code, unit)}`);
  await fillRequired(ward);
  await ward.locator('#f-tcd_luot').fill('12');
  await ward.getByLabel('Kết quả tiếp công dân, đối thoại, giải quyết đơn thư')
    .fill('Tổ chức 4 kỳ tiếp công dân lưu động tại các khu phố.');
  await submitReport(ward);
  await waitSynced(ward);
  await wardContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, proxy.url, 'hcm.snv');
  await page.goto(`${proxy.url}${reportPath(plan, code, 'HCM')}`);
  const field = page.getByLabel('Kết quả tiếp công dân, đối thoại, giải quyết đơn thư');
  const material = page.locator('.field[data-field="tiep_cong_dan_text"]').getByTestId('passages');
  await expect(material.locator('summary')).toHaveText(/^Tư liệu của các đơn vị \(\d+ đoạn\)$/);
  await page.evaluate(() => navigator.serviceWorker.ready);

  // Offline, after a reload: the material is on the device.
  await goOffline(context, proxy);
  await page.reload();
  await expect(field).toBeVisible();
  await field.fill('Thành phố duy trì tiếp công dân định kỳ và lưu động.');
  await material.locator('summary').click();
  await material.getByLabel('Tìm trong tư liệu').fill('luu dong tai cac khu pho');
  await expect(material.locator('li')).toHaveCount(1);
  await material.getByLabel('Đơn vị').selectOption({ label: 'Phường' });
  await expect(material.locator('li')).toHaveCount(1);
  await expectAccessible(page, 'own report with the units\' material');
  await material.getByRole('button', { name: 'Chèn vào báo cáo' }).click();
  const written = 'Thành phố duy trì tiếp công dân định kỳ và lưu động.\n\n'
    + `${unitName}: Tổ chức 4 kỳ tiếp công dân lưu động tại các khu phố.`;
  await expect(field).toHaveValue(written);

  // A figure starts as the wards' sum, shown with where it comes from; corrected, it asks
  // for the reason, which is kept with it.
  const visits = page.locator('#f-tcd_luot');
  const source = page.locator('.field[data-field="tcd_luot"]').getByTestId('figure-source');
  await expect(source).toHaveText(/^Tổng của \d+\/\d+ đơn vị: [\d.]+ Dùng số này$/);
  const sum = Number((await source.locator('strong').innerText()).replace(/\./g, ''));
  expect(sum).toBeGreaterThanOrEqual(12);
  await source.getByRole('button', { name: 'Dùng số này' }).click();
  await expect(visits).toHaveValue(sum.toLocaleString('vi-VN'));
  await expect(source.getByRole('button')).toHaveCount(0);
  const corrected = sum - 5;
  await visits.fill(String(corrected));
  const correction = page.locator('.field[data-field="tcd_luot"] .correction');
  await expect(correction).toContainText('Đã điều chỉnh so với số của các đơn vị.');
  const reason = correction.getByLabel('Lý do điều chỉnh');
  await reason.fill('');
  await expect(correction).toContainText('Ghi lý do điều chỉnh');
  await reason.fill('Một phường báo cáo trùng 5 lượt.');
  await expect(correction).not.toContainText('Ghi lý do điều chỉnh');
  await expectAccessible(page, 'own report with a corrected figure');

  // Every empty item starts from the units' in one action; the corrected figure stays.
  const fromUnits = page.getByTestId('from-units');
  await expect(fromUnits).toContainText(/^Báo cáo này được tổng hợp từ báo cáo của \d+\/\d+ đơn vị/);
  await fromUnits.getByRole('button', { name: 'Điền số tổng hợp và bản nháp vào các mục còn trống' }).click();
  await expect(fromUnits).toContainText(/Đã điền \d+ mục\./);
  await expect(visits).toHaveValue(corrected.toLocaleString('vi-VN'));
  await expect(field).toHaveValue(written);

  await page.reload();
  await expect(field).toHaveValue(written);
  await expect(visits).toHaveValue(corrected.toLocaleString('vi-VN'));
  await expect(page.getByLabel('Lý do điều chỉnh')).toHaveValue('Một phường báo cáo trùng 5 lượt.');

  // Back online: synced, and the document carries the text, the corrected figure, "Kính
  // gửi" and "Nơi nhận".
  await goOnline(context, proxy);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await waitSynced(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải văn bản (DOCX)' }).click();
  const file = await (await download).path();
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
  const text = xml.replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, '')}\n`);
  // The corrected figure in the report's table, the wards' sum in the annex's.
  const cells = text.split('\n').map((line) => line.replace(/<[^>]+>/g, ''));
  const annex = cells.indexOf('Phụ lục I: Số liệu theo đơn vị');
  expect(annex).toBeGreaterThan(0);
  expect(cells.slice(0, annex)).toContain(`${corrected.toLocaleString('vi-VN')} lượt`);
  for (const line of [
    'Thành phố duy trì tiếp công dân định kỳ và lưu động.',
    `${unitName}: Tổ chức 4 kỳ tiếp công dân lưu động tại các khu phố.`,
    'Kính gửi: Bộ Nội vụ.',
    '- Ban Dân vận Thành ủy Thành phố Hồ Chí Minh;',
    '- Lưu: VT, SNV.',
  ]) {
    expect(text, line).toContain(line);
  }
  await context.close();
});
