import { BrowserContext, chromium, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { login, goOffline, waitSynced, proxyForEachTest } from './helpers';

const proxy = proxyForEachTest();

/// A browser with a profile on disk, as a user's is: Chromium never offers to install an
/// app from an incognito window, which a test's own context is.
async function withProfile(run: (context: BrowserContext) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baocao-profile-'));
  const use = test.info().project.use;
  const context = await chromium.launchPersistentContext(dir, {
    ...use.launchOptions,
    viewport: use.viewport,
    isMobile: use.isMobile,
    hasTouch: use.hasTouch,
    deviceScaleFactor: use.deviceScaleFactor,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  try {
    await run(context);
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('Chromium can install the app, and the installed app starts offline with the signed-in user\'s work', async () => {
  await withProfile(async (context) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await login(page, proxy.url, 'hanhthong.01');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await waitSynced(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const parsed = JSON.parse(manifest.data!);
    expect(parsed.display).toBe('standalone');
    expect(parsed.start_url).toBe('/');
    const icons = parsed.icons as { src: string; sizes: string; purpose: string }[];
    for (const [size, purpose] of [['192x192', 'any'], ['512x512', 'any'], ['512x512', 'maskable']]) {
      const icon = icons.find((i) => i.sizes === size && i.purpose === purpose);
      expect(icon, `${size} ${purpose}`).toBeTruthy();
      const resp = await page.request.get(`${proxy.url}${icon!.src}`);
      expect(resp.headers()['content-type']).toBe('image/png');
      // A PNG's width and height sit at bytes 16..24 of its header.
      const png = await resp.body();
      const side = Number(size.split('x')[0]);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([side, side]);
    }
    // What Chromium checks before it offers "Install": nothing is missing.
    expect((await cdp.send('Page.getInstallabilityErrors')).installabilityErrors).toEqual([]);
    const heading = await page.getByRole('heading', { level: 1 }).first().textContent();

    // The installed app opens its start URL in a window of its own, with the server out of reach.
    await goOffline(context, proxy);
    const app = await context.newPage();
    await app.goto(`${proxy.url}${parsed.start_url}`);
    await expect(app.getByRole('heading', { level: 1 }).first()).toHaveText(heading!);
    await expect(app.locator('.net.offline')).toBeVisible();
    await expect(app.getByRole('link', { name: /Báo cáo/ }).first()).toBeVisible();
  });
});
