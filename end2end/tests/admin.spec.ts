import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { districtPlan, HANH_THONG, login, openAccountMenu, year } from './helpers';

// An administrator's day in the browser: a new ward account, its first sign-in, closing it.

test('an administrator opens a ward account, its user must choose a password, and closing it sends their open page to the login', async ({ page, browser }, testInfo) => {
  const username = `e2e.${testInfo.project.name}`;
  await login(page, '', 'admin');
  await openAccountMenu(page);
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await expect(page).toHaveURL(/\/quan-tri$/);
  await expect(page.getByRole('heading', { name: 'Tài khoản' })).toBeVisible();
  // This server sends mail: the page where addresses are given says from whom.
  await expect(page.getByTestId('mail-status')).toContainText('Thông báo được gửi qua thư điện tử, từ baocao <baocao@govap.gov.vn>.');
  // The administration pages come with the administrators' build, not the ward's.
  await expect(page.locator('link[rel="modulepreload"]')).toHaveAttribute('href', /baocao-admin\.js$/);

  await page.getByRole('link', { name: 'Tạo tài khoản' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/tai-khoan\/moi$/);
  await page.getByLabel('Tên đăng nhập').fill('Cán Bộ Mới');
  await page.getByLabel('Họ tên').fill('Trần Thị Thu');
  await page.getByLabel('Số điện thoại (không bắt buộc)').fill('0903 12');
  await page.getByRole('button', { name: 'Tạo', exact: true }).click();
  // Each bad field says what is wrong beside it, and nothing is created.
  await expect(page.locator('#account-username-error')).toContainText('chữ thường không dấu');
  await expect(page.locator('#account-unit-error')).toHaveText('Hãy chọn đơn vị.');
  await expect(page.getByLabel('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#account-phone-error')).toContainText('không phải số điện thoại');
  await page.getByLabel('Số điện thoại (không bắt buộc)').fill('0903 123 456');
  await page.getByLabel('Thư điện tử (không bắt buộc)').fill('thu.tran@hanhthong.gov.vn');

  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Đơn vị').fill('hanh thong');
  await page.getByRole('button', { name: `Phường Hạnh Thông (${HANH_THONG})` }).click();
  await expect(page.getByText(`Phường Hạnh Thông (${HANH_THONG})`)).toBeVisible();
  await page.getByRole('button', { name: 'Tạo', exact: true }).click();
  const shown = page.locator('.one-time-password');
  await expect(shown).toHaveText(/^[A-Za-z2-9]{12}$/);
  const password = (await shown.textContent()) ?? '';

  // The new user, on a device of their own.
  const device = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: page.viewportSize() });
  const user = await device.newPage();
  await user.goto('/dang-nhap');
  await user.getByLabel('Tên đăng nhập').fill(username);
  await user.getByLabel('Mật khẩu').fill(password);
  await user.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(user).toHaveURL(/\/doi-mat-khau$/);
  await user.getByLabel('Mật khẩu hiện tại').fill(password);
  await user.getByLabel('Mật khẩu mới', { exact: true }).fill('Hạnh Thông mùa thu');
  await user.getByLabel('Nhập lại mật khẩu mới').fill('Hạnh Thông mùa thu');
  await user.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  await expect(user.getByRole('heading', { name: /Hạnh Thông/ }).first()).toBeVisible();

  // They choose what reaches them by mail, at the address the administrator gave.
  await user.goto('/thong-bao');
  const settings = user.getByTestId('notice-settings');
  await expect(settings.getByRole('group', { name: 'Gửi vào thu.tran@hanhthong.gov.vn khi có:' })).toBeVisible();
  const reminders = settings.getByRole('checkbox', { name: 'Đôn đốc nộp báo cáo' }).first();
  await expect(reminders).toBeChecked();
  await reminders.uncheck();
  await expect(settings.getByRole('status')).toHaveText('Đã lưu.');
  await user.reload();
  await expect(settings.getByRole('checkbox', { name: 'Đôn đốc nộp báo cáo' }).first()).not.toBeChecked();
  await expect(settings.getByRole('checkbox', { name: 'Báo cáo bị trả lại' }).first()).toBeChecked();

  // The administrator finds the account by its unit and closes it.
  await page.goto(`/quan-tri/tai-khoan?unit=${HANH_THONG}`);
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('Trần Thị Thu');
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Khóa' }).click();
  await expect(row).toContainText('Đã khóa');

  // The user's open page learns it at its next sync and goes to the login, saying why.
  await expect(user).toHaveURL(/\/dang-nhap$/, { timeout: 30_000 });
  await expect(user.getByText('Tài khoản của bạn đã bị khóa.')).toBeVisible();
  await user.getByLabel('Tên đăng nhập').fill(username);
  await user.getByLabel('Mật khẩu').fill('Hạnh Thông mùa thu');
  await user.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(user.locator('p.error')).toContainText('Tài khoản đã bị khóa');

  // Every step is in the administration log.
  await page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
  await page.getByLabel('Đối tượng').fill(username);
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page.locator('table.admin-log tbody tr')).toHaveCount(2);
  await expect(page.locator('table.admin-log')).toContainText('Tạo tài khoản');
  await expect(page.locator('table.admin-log')).toContainText('Khóa tài khoản');
  await device.close();
});

test('ward staff have no administration link, and their pages load without the administration code', async ({ page }) => {
  await login(page, '', 'hanhthong.01');
  await expect(page.getByRole('link', { name: 'Quản trị', includeHidden: true })).toHaveCount(0);
  await expect(page.locator('link[rel="modulepreload"]')).toHaveAttribute('href', /\/baocao\.js$/);
});

test('an administrator previews the shared lineage file, is told where a units file is wrong, and imports a corrected one', async ({ page }, testInfo) => {
  const code = `E2E.${testInfo.project.name.toUpperCase()}`;
  await login(page, '', 'admin');
  await page.goto('/quan-tri/nhap-tep');
  await page.getByLabel('Loại tệp').selectOption({ label: 'Sáp nhập, chia tách (CSV)' });
  await page.getByLabel('Tệp', { exact: true }).setInputFiles('../server/demo/lineage-hcm-2025-07-01.csv');
  // Already recorded by the demo: every line unchanged, nothing to apply.
  await expect(page.locator('.import-counts')).toContainText('Thêm mới: 0');
  await expect(page.locator('.import-counts')).toContainText(/Không đổi: \d+/);
  await expect(page.getByRole('button', { name: 'Áp dụng các thay đổi' })).toBeDisabled();

  await page.getByLabel('Loại tệp').selectOption({ label: 'Đơn vị (CSV)' });
  const bad = `code,parent_code,kind,name\n${code},HCM,phuong,Phường Thử\n${code}.B,HCM,lang,Làng Thử\n`;
  await page.getByLabel('Tệp', { exact: true }).setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await expect(page.locator('.import-problem')).toContainText('Dòng 3, cột “kind”');

  const good = `code,parent_code,kind,name\n${code},HCM,phuong,Phường Thử ${testInfo.project.name}\n`;
  await page.getByLabel('Tệp', { exact: true }).setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await expect(page.locator('table.import-items')).toContainText(code);
  await expect(page.locator('.import-counts')).toContainText('Thêm mới: 1');
  await page.getByRole('button', { name: 'Áp dụng các thay đổi' }).click();
  await expect(page.locator('p.notice[role="status"]')).toHaveText('Đã nhập. Thêm mới: 1 · Sửa: 0 · Chuyển đơn vị cấp trên: 0 · Không đổi: 0');

  await page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
  await expect(page.locator('table.admin-log')).toContainText('don-vi.csv');
});

test('an administrator is told which line of a criteria set is wrong, and imports a new version', async ({ page }, testInfo) => {
  const demo = readFileSync('../server/demo/evaluation-dan-van-2026.toml', 'utf8');
  const scaleLine = demo.split('\n').findIndex((l) => l.startsWith('scale = ')) + 1;
  await login(page, '', 'admin');
  await page.goto('/quan-tri/nhap-tep');
  await page.getByLabel('Loại tệp').selectOption({ label: 'Bộ tiêu chí đánh giá (TOML)' });
  const file = (text: string) => ({ name: 'bo-tieu-chi.toml', mimeType: 'application/toml', buffer: Buffer.from(text) });
  // Points that do not add up to the scale: the scale's line is named.
  const bad = demo.replace('max = 15\nkind = "timeliness"', 'max = 20\nkind = "timeliness"');
  await page.getByLabel('Tệp', { exact: true }).setInputFiles(file(bad));
  await expect(page.locator('.import-problem')).toContainText(`Dòng ${scaleLine}`);
  await expect(page.locator('.import-problem')).toContainText('tổng điểm các tiêu chí là 105, không bằng thang điểm 100');
  // The demo's own set is there already; a changed one becomes a new version.
  await page.getByLabel('Tệp', { exact: true }).setInputFiles(file(demo));
  await expect(page.locator('.import-counts')).toContainText('Không đổi: 1');
  const changed = demo.replace(/^title = "(.*)"$/m, `title = "$1 (${testInfo.project.name})"`);
  await page.getByLabel('Tệp', { exact: true }).setInputFiles(file(changed));
  await expect(page.locator('.import-counts')).toContainText('Thêm mới: 1');
  await expect(page.locator('table.import-items')).toContainText(/danh-gia-dan-van-chinh-quyen v\d+/);
  await page.getByRole('button', { name: 'Áp dụng các thay đổi' }).click();
  await expect(page.locator('p.notice[role="status"]')).toContainText('Đã nhập. Thêm mới: 1');
});

test('an administrator finds a ward as typed, adds a unit under it, and renames it', async ({ page }, testInfo) => {
  const code = `HCM.E2E.${testInfo.project.name.toUpperCase()}`;
  await login(page, '', 'admin');
  await page.goto('/quan-tri/don-vi');
  await page.getByLabel('Tìm đơn vị').fill('hanh thong');
  await page.locator('.unit-results').getByRole('link', { name: 'Phường Hạnh Thông' }).click();
  await expect(page).toHaveURL(new RegExp(`/quan-tri/don-vi/${HANH_THONG}$`));
  // Its history: the wards of Gò Vấp it carries on.
  await expect(page.getByText(/Sáp nhập .*Phường 1, Quận Gò Vấp/)).toBeVisible();

  await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
  await page.getByLabel('Mã đơn vị').fill(code);
  await page.getByLabel('Tên đơn vị').fill('Tổ dân phố thử');
  await page.getByLabel('Loại đơn vị').selectOption({ label: 'Cơ quan' });
  await page.getByRole('button', { name: 'Tạo', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/quan-tri/don-vi/${code.replaceAll('.', '\\.')}$`));
  await expect(page.getByRole('heading', { name: /Tổ dân phố thử/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Phường Hạnh Thông' })).toBeVisible();

  await page.getByLabel('Tên đơn vị').fill('Tổ dân phố số 1');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByRole('heading', { name: /Tổ dân phố số 1/ })).toBeVisible();
});

test('an administrator makes a new plan in the page, told first what is missing beside each field', async ({ page }, testInfo) => {
  // A plan of 2019, for one district agency that has no account: the home pages other
  // tests read fold it under the ended plans, and no ward owes it a report.
  const number = testInfo.project.name === 'desktop' ? '901/KH-UBND' : '902/KH-UBND';
  await login(page, '', 'admin');
  await page.goto('/quan-tri/ke-hoach');
  await page.getByRole('link', { name: 'Kế hoạch mới' }).click();
  await expect(page).toHaveURL(/\/quan-tri\/ke-hoach\/moi$/);
  await page.getByRole('button', { name: 'Tạo kế hoạch', exact: true }).click();
  await expect(page.locator('[id="reports_to-error"]')).toHaveText('Hãy chọn một mục.');
  await expect(page.locator('[id="title-error"]')).toHaveText('Tên kế hoạch không được để trống.');
  await expect(page.locator('[id="signer.name-error"]')).toHaveText('Họ tên người ký không được để trống.');

  const pick = async (label: string, typed: string, name: string) => {
    const picker = page.locator('.unit-picker').filter({ has: page.getByLabel(label, { exact: true }) });
    await picker.getByLabel(label, { exact: true }).fill(typed);
    await picker.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect(picker.locator('.chosen-unit')).toContainText(name);
  };
  await pick('Đơn vị ban hành', 'go vap', 'Quận Gò Vấp');
  await pick('Đơn vị nhận báo cáo', 'noi vu quan go vap', 'Phòng Nội vụ quận Gò Vấp');
  await page.getByLabel('Số kế hoạch').fill(number);
  await page.getByLabel('Tên kế hoạch').fill('Kiểm tra công tác dân vận năm 2019');
  const issued = page.getByLabel('Ngày ban hành');
  await issued.fill('');
  await issued.pressSequentially('15/01/2019');
  await page.getByLabel('Năm của kế hoạch').fill('2019');
  await page.getByLabel('Địa danh (ghi trước ngày tháng)').fill('Gò Vấp');
  await page.getByLabel('Chức vụ', { exact: true }).fill('CHỦ TỊCH');
  await page.getByLabel('Họ và tên').fill('Nguyễn Văn Thử');
  const period = page.locator('.plan-period').first();
  await period.getByLabel('Mã kỳ').fill('2019-N');
  await period.getByLabel('Tên kỳ').fill('Báo cáo năm 2019');
  const due = period.getByLabel('Hạn nộp: trước ngày');
  await due.fill('');
  await due.pressSequentially('05/11/2019');
  const section = page.locator('.plan-section').first();
  await section.getByLabel('Tên nhóm').fill('Kiểm tra');
  await section.getByLabel('Các xã, phường, đặc khu trực thuộc').uncheck();
  const assignee = section.getByLabel('Thêm đơn vị thực hiện');
  await assignee.fill('thanh tra quan go vap');
  await section.getByRole('button', { name: /^Thanh tra quận Gò Vấp/ }).click();
  await section.getByLabel('Nhiệm vụ 1').fill('Tự kiểm tra việc thực hiện quy chế dân chủ');
  await page.getByRole('button', { name: 'Tạo kế hoạch', exact: true }).click();

  // Made, and opened in the editor.
  const id = `${number.replaceAll('/', '-')}-2019`;
  await expect(page).toHaveURL(new RegExp(`/quan-tri/ke-hoach/${id}$`));
  await expect(page.getByLabel('Tên kế hoạch')).toHaveValue('Kiểm tra công tác dân vận năm 2019');
  await expect(page.getByLabel('Ngày ban hành')).toHaveValue('15/01/2019');
  await expect(page.locator('.assignees')).toContainText('Thanh tra quận Gò Vấp');
  await page.goto('/quan-tri/nhat-ky');
  await expect(page.getByRole('cell', { name: 'Tạo kế hoạch', exact: true }).first()).toBeVisible();
});

test('an administrator is told why a plan cannot be rolled forward', async ({ page }) => {
  // The demo has the city's plan for this year and the next.
  await login(page, '', 'admin');
  await page.goto('/quan-tri/ke-hoach');
  const card = page.locator(`section[data-plan="95-KH-UBND-${year}"]`);
  await expect(card).toContainText(`${year}`);
  await card.getByLabel('Sang năm').fill('năm sau');
  await card.getByRole('button', { name: 'Tạo kế hoạch năm mới' }).click();
  await expect(card.locator('.field-error').first()).toHaveText('Năm phải là một số (ví dụ 2027).');
  await card.getByLabel('Sang năm').fill(String(year + 1));
  await card.getByLabel('Số kế hoạch mới').fill('95/KH-UBND');
  await card.getByRole('button', { name: 'Tạo kế hoạch năm mới' }).click();
  await expect(card.getByRole('alert')).toHaveText(`Đã có kế hoạch 95/KH-UBND năm ${year + 1}.`);
});

test('an administrator edits a plan in the page, is told what is wrong beside the field, and a stale save from a second tab is refused', async ({ page, context }) => {
  // The district's 2023 plan, its issue date only: a save expands the plan's assignees
  // again, and only the city's plans gain the units other tests add.
  const id = districtPlan;
  await login(page, '', 'admin');
  await page.goto('/quan-tri/ke-hoach');
  await page.locator(`section[data-plan="${id}"]`).getByRole('link', { name: 'Sửa kế hoạch' }).click();
  await expect(page).toHaveURL(new RegExp(`/quan-tri/ke-hoach/${id}$`));
  const title = page.getByLabel('Tên kế hoạch');
  await expect(title).not.toHaveValue('');
  const original = await title.inputValue();
  // A second tab open on the same plan, as another administrator would have it.
  const other = await context.newPage();
  await other.goto(`/quan-tri/ke-hoach/${id}`);
  await expect(other.getByLabel('Tên kế hoạch')).toHaveValue(original);

  await title.fill(' ');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('[id="title-error"]')).toHaveText('Tên kế hoạch không được để trống.');
  await title.fill(original);
  // The automatic reminders: at 08:00 unless the plan says otherwise; another hour here.
  const hour = page.getByLabel('Giờ nhắc tự động');
  const nextHour = (await hour.inputValue()) === '7' ? '9' : '7';
  await hour.selectOption(nextHour);
  // Another date than the stored one, whichever project runs first, typed key by key day
  // first whatever the browser's language: 02/03 is the 2nd of March.
  const issued = page.getByLabel('Ngày ban hành');
  await expect(issued).toHaveAttribute('placeholder', 'dd/mm/yyyy');
  const next = (await issued.inputValue()) === '02/03/2023' ? '03/03/2023' : '02/03/2023';
  await issued.fill('');
  await issued.pressSequentially(next);
  // A moved deadline says whom it reaches and asks first; going back keeps the form.
  const due = page.getByRole('group', { name: 'Báo cáo 6 tháng đầu năm 2023' }).getByLabel('Hạn nộp: trước ngày');
  const stored = await due.inputValue();
  await due.fill('');
  await due.pressSequentially('06/05/2023');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('#deadline-confirm')).toHaveText(/^Đổi hạn nộp của Báo cáo 6 tháng đầu năm 2023: \d+ đơn vị được giao báo cáo sẽ theo hạn mới\. Lưu thay đổi\?$/);
  await page.getByRole('button', { name: 'Xem lại' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await due.fill('');
  await due.pressSequentially(stored);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.locator('.plan-form [role="status"]')).toHaveText('Đã lưu.');
  await expect(page.locator('[id="title-error"]')).toBeEmpty();

  await other.getByLabel('Tên kế hoạch').fill(`${original} (bản khác)`);
  await other.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(other.locator('.plan-form [role="alert"]')).toContainText('vừa được người khác lưu');
  await other.close();
  await page.reload();
  await expect(page.getByLabel('Tên kế hoạch')).toHaveValue(original);
  await expect(page.getByLabel('Ngày ban hành')).toHaveValue(next);
  await expect(page.getByLabel('Giờ nhắc tự động')).toHaveValue(nextHour);

  await page.goto('/quan-tri/nhat-ky');
  await expect(page.getByRole('cell', { name: 'Sửa kế hoạch', exact: true }).first()).toBeVisible();
});
