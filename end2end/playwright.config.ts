import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser; flags keep it off the closed network.
const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const port = Number(process.env.E2E_PORT ?? 3100);
// The release build, unless told another (scripts/test.sh: the server `cargo test` built).
const server = process.env.E2E_SERVER ?? '../target/release/server';
const baseURL = `http://127.0.0.1:${port}`;
// A real SMTP server (the API tests' aiosmtpd), so that the pages show mail as on.
const mailPort = port + 2;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', trace: 'retain-on-failure' },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
    {
      name: 'mobile',
      // On the phone, what a phone changes: the layouts, typing, offline, files, notices.
      // Sign-in, administration, security headers, English, the document and the keystroke
      // timing behave alike on both and run once, on desktop (the 45-minute CI budget).
      testIgnore: /(admin|security|english|login|keystroke|document)\.spec\.ts/,
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
        launchOptions,
      },
    },
  ],
  webServer: [{
    command: `mkdir -p ../target/e2e-mail && exec ../.tools/services/bin/python ../server/tests/smtp_sink.py ${mailPort} ../target/e2e-mail/received.jsonl`,
    port: mailPort,
    reuseExistingServer: false,
    timeout: 30_000,
  }, {
    // A fresh demo database for every run.
    command: `rm -rf ../target/e2e && mkdir -p ../target/e2e && exec ${server} serve`,
    env: {
      DATABASE_URL: 'sqlite://../target/e2e/baocao.db',
      BAOCAO_DEMO: 'true',
      BAOCAO_ADDR: `127.0.0.1:${port}`,
      // The switchable proxy (tests/proxy.ts) is a second address of the site.
      BAOCAO_PUBLIC_URL: `${baseURL},http://127.0.0.1:${port + 1}`,
      LEPTOS_SITE_ROOT: '../target/site',
      // The suite runs on any day of the year: the automatic reminders' days are tested
      // in the API tests at chosen times, the notices in the browser by reminding by hand.
      BAOCAO_AUTO_REMINDERS: 'false',
      BAOCAO_SMTP_URL: `smtp://127.0.0.1:${mailPort}`,
      BAOCAO_MAIL_FROM: 'baocao <baocao@govap.gov.vn>',
      // Warnings and errors only: a run's log stays readable.
      RUST_LOG: 'warn',
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
  }],
});
