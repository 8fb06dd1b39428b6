import { expect, Page, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import {
  apiAs, districtPlan, goOffline, goOnline, login, period, proxyForEachTest, reportPath, serverReport, waitSynced,
} from './helpers';

// Files on a report: added offline (a PDF and a phone's photo, made smaller), kept on the
// device across a reload, sent when the network is back, resumed where a cut stopped
// them, refused by their content, and read back byte for byte by the reviewer. Phường 7
// of Gò Vấp's 2023 plan, a period per project.

const proxy = proxyForEachTest();
const CHUNK = 1024 * 1024;
const UNIT = 'HCM.GV.P07';

/// A PDF of `size` bytes, different per `seed`.
function pdf(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  Buffer.from('%PDF-1.7\n').copy(bytes);
  return bytes;
}

/// A photo as a phone takes it: 3.000 × 2.000 pixels, drawn by the browser.
async function photo(page: Page): Promise<Buffer> {
  const bytes: number[] = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(3000, 2000);
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 3000, 2000);
    gradient.addColorStop(0, '#c33');
    gradient.addColorStop(1, '#33c');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 3000, 2000);
    g.fillStyle = '#fff';
    g.font = '200px serif';
    g.fillText('Biên bản', 400, 1000);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  });
  return Buffer.from(bytes);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/// The files the server's copy of the report attaches, by name.
async function serverFiles(code: string): Promise<Map<string, { hash: string; size: number; kind: string }>> {
  const state = await serverReport('govap.p07', districtPlan, code, UNIT);
  const files = new Map();
  for (const [slot, s] of Object.entries<any>(state.slots)) {
    const v = s.current?.value;
    if (slot.startsWith('file:') && v?.kind === 'file') {
      files.set(v.value.name, { hash: slot.slice(5), size: v.value.size, kind: v.value.kind });
    }
  }
  return files;
}

/// Sets whether a period of Gò Vấp's plan requires the signed copy, as an administrator
/// does in the plan's editor.
async function requireSignedCopy(code: string, required: boolean) {
  const admin = await apiAs('admin');
  const path = `/api/v1/admin/plans/${districtPlan}`;
  const before = (await (await admin.get(path)).json()).form;
  const after = structuredClone(before);
  for (const p of after.periods) if (p.code === code) p.signed_copy_required = required;
  const resp = await admin.put(path, { data: { before, after } });
  expect(resp.status(), await resp.text()).toBe(200);
}

test('a period that requires the signed copy refuses “Nộp” until it is attached', async ({ page }, info) => {
  test.setTimeout(60_000);
  const code = period(info.project.name, 2023);
  await requireSignedCopy(code, true);
  try {
    await login(page, proxy.url, 'govap.p07');
    await page.goto(`${proxy.url}${reportPath(districtPlan, code, UNIT)}`);
    const card = page.getByTestId('report-files');
    await waitSynced(page);
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click();
    const refusal = page.getByTestId('signed-copy-required');
    await expect(refusal).toContainText('kế hoạch yêu cầu đính kèm bản đã ký');
    await expect(page.getByTestId('submit-confirm')).toHaveCount(0);

    // Evidence is not enough; the signed copy is.
    await card.getByLabel('Tài liệu minh chứng').check();
    await card.getByTestId('file-input').setInputFiles({ name: 'Biên bản.pdf', mimeType: 'application/pdf', buffer: pdf(5000, 30) });
    await expect(card.getByTestId('attached-file')).toHaveCount(1, { timeout: 20_000 });
    await expect(refusal).toBeVisible();
    await card.getByLabel('Bản đã ký').check();
    await card.getByTestId('file-input').setInputFiles({ name: 'Bản ký.pdf', mimeType: 'application/pdf', buffer: pdf(6000, 31) });
    await expect(card.getByTestId('attached-file')).toHaveCount(2, { timeout: 20_000 });
    await expect(refusal).toHaveCount(0);
    await waitSynced(page);
    const reviewer = await apiAs('govap.pnv');
    const progress = await (await reviewer.get(`/api/v1/progress/${districtPlan}/${code}?unit=HCM.GV`)).json();
    expect(progress.signed_copies).toContain(UNIT);
  } finally {
    await requireSignedCopy(code, false);
  }
});

test('files added offline survive a reload and go up with the network; the reviewer reads the same bytes', async ({ page, context }, info) => {
  test.setTimeout(90_000);
  const code = period(info.project.name, 2023);
  const path = reportPath(districtPlan, code, UNIT);
  await login(page, proxy.url, 'govap.p07');
  await page.goto(`${proxy.url}${path}`);
  const card = page.getByTestId('report-files');
  await expect(card.getByRole('heading', { name: 'Tệp đính kèm' })).toBeVisible();
  await waitSynced(page);
  const scan = pdf(2 * CHUNK + 4321, info.project.name === 'mobile' ? 2 : 1);
  const picture = await photo(page);

  await goOffline(context, proxy);
  await card.getByLabel('Bản đã ký').check();
  await card.getByTestId('file-input').setInputFiles({ name: 'Báo cáo đã ký.pdf', mimeType: 'application/pdf', buffer: scan });
  await card.getByLabel('Tài liệu minh chứng').check();
  await card.getByTestId('file-input').setInputFiles({ name: 'Ảnh hội nghị.png', mimeType: 'image/png', buffer: picture });
  const queued = card.getByTestId('queued-file');
  await expect(queued).toHaveCount(2);
  await expect(queued.first()).toContainText('Chờ mạng để gửi');
  await expect(page.getByTestId('pending-files')).toContainText('2 tệp chưa gửi xong');

  // Kept in the browser's database: a reload offline still holds them.
  await page.reload();
  await expect(card.getByTestId('queued-file')).toHaveCount(2);
  await expect(card.getByTestId('queued-file').last()).toContainText('Ảnh hội nghị.jpg');

  await goOnline(context, proxy);
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(card.getByTestId('queued-file')).toHaveCount(0, { timeout: 30_000 });
  for (const name of ['Báo cáo đã ký.pdf', 'Ảnh hội nghị.jpg']) {
    await expect(card.getByTestId('attached-file').filter({ hasText: name })).toHaveCount(1);
  }
  await expect(page.getByTestId('pending-files')).toHaveCount(0);
  await waitSynced(page);

  const files = await serverFiles(code);
  const signed = files.get('Báo cáo đã ký.pdf')!;
  expect(signed).toMatchObject({ hash: sha256(scan), size: scan.length, kind: 'signed' });
  // The photo was made smaller on the device, and named for what it became.
  const evidence = files.get('Ảnh hội nghị.jpg')!;
  expect(evidence.kind).toBe('evidence');
  expect(evidence.size).toBeLessThan(picture.length);

  // The reviewer downloads the very bytes, as a download.
  const reviewer = await apiAs('govap.pnv');
  const resp = await reviewer.get(`/api/v1/reports/${districtPlan}/${code}/${UNIT}/files/${signed.hash}`);
  expect(resp.status()).toBe(200);
  expect(resp.headers()['content-disposition']).toMatch(/^attachment;/);
  expect(sha256(await resp.body())).toBe(sha256(scan));
  const zip = await reviewer.get(`/api/v1/progress/${districtPlan}/${code}/signed-copies?unit=HCM.GV`);
  expect(zip.status()).toBe(200);
  expect(zip.headers()['content-type']).toBe('application/zip');
});

test('an upload cut half way resumes where it stopped, not from the start', async ({ page }, info) => {
  test.setTimeout(90_000);
  const code = period(info.project.name, 2023);
  await login(page, proxy.url, 'govap.p07');
  await page.goto(`${proxy.url}${reportPath(districtPlan, code, UNIT)}`);
  const card = page.getByTestId('report-files');
  await waitSynced(page);
  const scan = pdf(3 * CHUNK + 99, info.project.name === 'mobile' ? 4 : 3);
  const hash = sha256(scan);

  // The connection drops after the first chunk.
  let cut = true;
  const offsets: number[] = [];
  await page.route('**/api/v1/reports/**/uploads/**', async (route) => {
    const request = route.request();
    if (request.method() === 'PATCH') {
      const offset = Number(request.headers()['upload-offset']);
      if (cut && offset >= CHUNK) return route.abort('connectionreset');
      if (!cut) offsets.push(offset);
    }
    return route.continue();
  });
  await card.getByLabel('Bản đã ký').check();
  await card.getByTestId('file-input').setInputFiles({ name: 'Bản ký lần 2.pdf', mimeType: 'application/pdf', buffer: scan });
  const ward = await apiAs('govap.p07');
  const status = async () =>
    (await (await ward.get(`/api/v1/reports/${districtPlan}/${code}/${UNIT}/uploads/${hash}`)).json()).received;
  await expect.poll(status, { timeout: 20_000 }).toBe(CHUNK);

  cut = false;
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await expect(card.getByTestId('attached-file').filter({ hasText: 'Bản ký lần 2.pdf' })).toHaveCount(1, { timeout: 40_000 });
  expect(offsets[0]).toBe(CHUNK);
  expect(offsets).not.toContain(0);
  await waitSynced(page);
  expect((await serverFiles(code)).get('Bản ký lần 2.pdf')?.hash).toBe(hash);
});

test('a file is refused by its content, whatever its name', async ({ page }, info) => {
  const code = period(info.project.name, 2023);
  await login(page, proxy.url, 'govap.p07');
  await page.goto(`${proxy.url}${reportPath(districtPlan, code, UNIT)}`);
  const card = page.getByTestId('report-files');
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  await card.getByTestId('file-input').setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: svg });
  await expect(card.getByTestId('file-problem')).toContainText('Loại tệp này không được nhận. Chỉ nhận: PDF');
  await expect(card.getByTestId('queued-file')).toHaveCount(0);
});
