import { expect, test } from '@playwright/test';
import { apiAs, cityPlan, login, period, reportPath, year } from './helpers';

// Markup pasted into a narrative stays text on every page, and no page breaks the
// Content-Security-Policy (the hydration script runs by its nonce, the offline shell's
// script is a file of the site).

const PAYLOAD = 'Tình hình <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> ổn định';

test('pasted markup shows as text and every page keeps to the security policy', async ({ page }, info) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) violations.push(m.text());
  });
  page.on('dialog', (d) => {
    violations.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  const plan = cityPlan(year);
  const code = period(info.project.name, year);
  const api = await apiAs('hcm.snv');
  const resp = await api.post('/api/v1/sync', {
    data: {
      cursor: 0,
      mutations: [{
        id: `xss-${info.project.name}-${Date.now()}`,
        report: { plan_id: plan, period_code: code, unit_code: 'HCM.SNV' },
        user: 'hcm.snv',
        device_id: 'e2e-security',
        device_time: new Date().toISOString(),
        change: { kind: 'set_field', field: 'tinh_hinh', value: { kind: 'text', value: PAYLOAD }, base: [] },
      }],
    },
  });
  expect(resp.ok()).toBeTruthy();
  expect(['applied', 'conflict']).toContain((await resp.json()).results[0].outcome);

  await login(page, '', 'hcm.snv');
  await page.goto(reportPath(plan, code, 'HCM.SNV'));
  await expect(page.locator('.report textarea').first()).toBeVisible();
  await expect
    .poll(() => page.locator('.report textarea').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value)))
    .toContain(PAYLOAD);
  for (const path of ['/', `/tien-do/${plan}/${code}`, `/tong-hop/${plan}/${code}`, '/dung-han', '/offline.html']) {
    await page.goto(path);
    await expect(page.locator('main, .page').first()).toBeVisible();
  }
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
  // The administration pages, which hydrate with a build of their own.
  await login(page, '', 'admin');
  for (const path of ['/quan-tri', '/quan-tri/don-vi/26890', '/quan-tri/nhap-tep', '/quan-tri/nhat-ky', '/quan-tri/tai-khoan/moi']) {
    await page.goto(path);
    await expect(page.locator('nav.tabs')).toBeVisible();
  }
  expect(violations).toEqual([]);
});
