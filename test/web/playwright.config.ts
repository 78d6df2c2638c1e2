import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web app against the real stack: `global-setup.ts` starts `demo` (API with the
 * built app, worker, development OIDC provider and mail catcher) on a throwaway database and free
 * ports, and hands the addresses to the tests through the environment. Run with `npm run test:web`.
 */
const ROOT = path.resolve(__dirname, '../..');

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.spec.ts',
  // One browser at a time: the machine has two cores and the stack runs on them too.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  globalSetup: path.join(__dirname, 'global-setup.ts'),
  globalTeardown: path.join(__dirname, 'global-teardown.ts'),
  outputDir: path.join(ROOT, 'test-results/web'),
  use: {
    // Set by global-setup, which runs before the workers that read this file again.
    baseURL: process.env.RTD_WEB_BASE_URL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // The machine has no network: nothing may phone home.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
