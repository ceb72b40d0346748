/**
 * Browser tests (issues 15 and 16): Playwright drives Debian's Chromium (/usr/bin/chromium; .ci/run
 * installs it when missing) against the BUILT service, started by global-setup.ts on a fresh database.
 * Two widths: phone (390x844) and desktop (1280x800). Run with `npm run test:browser` after `npm run build`.
 * Failures keep a screenshot and a trace in test-results/ (the CI artefact).
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, '..', '..', 'test-results');

export default defineConfig({
  testDir: __dirname,
  testMatch: '*.browser.ts',
  globalSetup: join(__dirname, 'global-setup.ts'),
  outputDir: RESULTS_DIR,
  fullyParallel: true,
  // two cores on the CI machine
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 }, hasTouch: true } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
