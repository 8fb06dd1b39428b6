import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  cityPlan, goOffline, goOnline, HANH_THONG, login, period, proxyForEachTest, reportPath, serverReport, waitSynced, year,
} from './helpers';

// The report as the document the ward signs: its number, date and signer typed key by key
// and synced, the page printing the document and not the form (online and off), and the
// DOCX. This year's city report of Phường Hạnh Thông, whose document parts no other test
// writes.

const proxy = proxyForEachTest();

/// What the page prints, as text: the browser's own PDF of the page, read by pdftotext.
async function printedText(page: Page): Promise<string> {
  const pdf = test.info().outputPath('printed.pdf');
  writeFileSync(pdf, await page.pdf({ format: 'A4' }));
  return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/// Types `text` at the end of the input labelled `label`, which then shows `shown`.
async function typeInto(page: Page, label: string, text: string, shown = text) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.press('End');
  await input.pressSequentially(text);
  await expect(input).toHaveValue(shown);
}

test('the signer types the document parts and the page prints the document, online and off', async ({ page, context }, info) => {
  const plan = cityPlan(year);
  const code = period(info.project.name, year);
  await login(page, proxy.url, 'hanhthong.02');
  await page.goto(`${proxy.url}${reportPath(plan, code, HANH_THONG)}`);
  const card = page.locator('section.report-document');
  await expect(card.getByRole('heading', { name: 'Văn bản báo cáo' })).toBeVisible();

  await typeInto(page, 'Số văn bản', '12');
  // A date half typed is kept as typed, then stored as the date it names.
  await typeInto(page, 'Ngày ký', '03/05');
  await typeInto(page, 'Ngày ký', `/${year}`, `03/05/${year}`);
  await expect(card.locator('.field[data-field="doc:signed_on"] .msg.error')).toHaveCount(0);
  // The space between the words survives while the name is being typed.
  await typeInto(page, 'Người ký', 'Nguyễn Văn An');
  await typeInto(page, 'Chức vụ người ký', 'Phó Chủ tịch');
  await waitSynced(page);
  const state = await serverReport('hanhthong.02', plan, code, HANH_THONG);
  const part = (name: string) => state.slots[`doc:${name}`]?.current?.value?.value;
  expect(part('number')).toBe('12');
  expect(part('signed_on')).toBe(`${year}-05-03`);
  expect(part('signer')).toBe('Nguyễn Văn An');
  expect(part('signer_title')).toBe('Phó Chủ tịch');

  // Printed, the page is the document: the decree's heads, the number, place and date,
  // the addressee, and the deputy signing for the chairman; none of the form.
  const printed = await printedText(page);
  for (const line of [
    'ỦY BAN NHÂN DÂN', 'PHƯỜNG HẠNH THÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    'Số: 12/BC-UBND', `Hạnh Thông, ngày 03 tháng 5 năm ${year}`, 'Kính gửi:', 'Nơi nhận:',
    'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
  ]) {
    expect(printed, line).toContain(line);
  }
  for (const form of ['Văn bản báo cáo', 'In văn bản', 'Đồng bộ', 'Đăng xuất']) {
    expect(printed, form).not.toContain(form);
  }
  // On screen the document stays out of the way.
  await expect(page.getByTestId('official-document')).toBeHidden();

  // Offline: the DOCX waits for a connection, printing does not.
  await goOffline(context, proxy);
  await expect(card.getByTestId('docx-offline')).toBeVisible();
  await expect(card.getByRole('link', { name: 'Tải văn bản (DOCX)' })).toHaveCount(0);
  await typeInto(page, 'Số văn bản', '3', '123');
  const offline = await printedText(page);
  expect(offline).toContain('Số: 123/BC-UBND');
  expect(offline).toContain('Nguyễn Văn An');
  await goOnline(context, proxy);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await waitSynced(page);

  // The print button hands the page to the browser's print dialog.
  await page.evaluate(() => {
    (window as any).printed = 0;
    window.print = () => { (window as any).printed += 1; };
  });
  await card.getByRole('button', { name: 'In văn bản' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).printed)).toBe(1);

  // Online again, the DOCX downloads as a file.
  const download = page.waitForEvent('download');
  await card.getByRole('link', { name: 'Tải văn bản (DOCX)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const bytes = readFileSync(await file.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
});
