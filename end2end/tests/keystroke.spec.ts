import { expect, test } from '@playwright/test';
import { cityPlan, HANH_THONG, login, period, reportPath, serverReport, value, waitSynced, year } from './helpers';

// Numbers as a person types them, one key at a time (never `fill`), and what the page
// shows of them. Next year's city report, which no other test writes.

test('a decimal, a grouped count and an edit in the middle are typed key by key', async ({ page }, info) => {
  const plan = cityPlan(year + 1);
  const code = period(info.project.name, year + 1);
  await login(page, '', 'hanhthong.01');
  await page.goto(reportPath(plan, code, HANH_THONG));

  const rate = page.getByLabel('Mức độ hài lòng của người dân đối với bộ phận một cửa');
  // The percent field shows its unit.
  await expect(page.locator('#f-ty_le_hai_long-unit')).toHaveText('(%)');
  await rate.click();
  await rate.pressSequentially('95,');
  // The moment in between keeps its comma.
  await expect(rate).toHaveValue('95,');
  await rate.pressSequentially('5');
  await expect(rate).toHaveValue('95,5');
  await expect(page.locator('.field[data-field="ty_le_hai_long"] .msg.error')).toHaveCount(0);
  // The caret stays where the person puts it: a digit deleted and typed again after the 9.
  await rate.press('Home');
  await rate.press('ArrowRight');
  await rate.press('Delete');
  await expect(rate).toHaveValue('9,5');
  await rate.pressSequentially('5');
  await expect(rate).toHaveValue('95,5');

  const visits = page.locator('#f-tcd_luot');
  await visits.click();
  await visits.press('ControlOrMeta+A');
  await visits.press('Delete');
  await visits.pressSequentially('39.055');
  await expect(visits).toHaveValue('39.055');

  await waitSynced(page);
  const state = await serverReport('hanhthong.01', plan, code, HANH_THONG);
  expect(value(state, 'tcd_luot')).toBe(39055);
  expect(value(state, 'ty_le_hai_long')).toBe(95.5);
});

test('a rate whose figures break a rule shows no number and names the rule', async ({ page }, info) => {
  const plan = cityPlan(year + 1);
  const code = period(info.project.name, year + 1);
  await login(page, '', 'hanhthong.01');
  await page.goto(reportPath(plan, code, HANH_THONG));
  const type = async (field: string, text: string) => {
    const input = page.locator(`#f-${field}`);
    await input.click();
    await input.press('ControlOrMeta+A');
    await input.press('Delete');
    await input.pressSequentially(text);
  };
  await type('don_tiep_nhan', '10');
  await type('don_thuoc_tham_quyen', '8');
  await type('don_da_giai_quyet', '11');
  const rate = page.locator('.field[data-field="ty_le_giai_quyet_don"]');
  await expect(rate.locator('output')).toHaveText('—');
  await expect(rate.locator('.msg.error')).toHaveText(
    'Số đơn đã giải quyết không được lớn hơn số đơn thuộc thẩm quyền.',
  );
  await type('don_da_giai_quyet', '6');
  await expect(rate.locator('output')).toHaveText('75,00%');
  await expect(rate.locator('.msg.error')).toHaveCount(0);
});
