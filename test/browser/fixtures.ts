/**
 * What every browser test uses: `import { test, expect } from './fixtures'`.
 * - `baseURL` points at the service global-setup.ts started, so `page.goto('/complain')` works;
 * - `service`: the API and the SMTP sink over plain HTTP (officers.ts), `firstAdmin()` its credentials;
 * - `signInAs(page, role)`: a new officer with that role (invited, approved, own password through the
 *   e-mailed link), signed in through the console's sign-in form; `createOfficer` without signing in;
 * - `expectAccessible(page)`: axe-core, 0 serious or critical violations (prints them on failure);
 * - `expectNoHorizontalScroll(page)`: the page is not wider than the window.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test as base } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { browserEnv } from './env';
import { type Credentials, isProtected, type Role, ServiceClient } from './officers';

export { expect };

export const firstAdmin = (): Credentials => ({
  email: browserEnv('adminEmail'),
  password: browserEnv('adminPassword'),
});
const approver = (): Credentials => ({
  email: browserEnv('approverEmail'),
  password: browserEnv('approverPassword'),
});

/** A new officer with `roles` (protected roles approved by the run's executive), named `displayName` if given. */
export async function createOfficer(
  service: ServiceClient,
  roles: Role[],
  unitId: string | null = null,
  displayName = `เจ้าหน้าที่ ${roles.join(', ')}`,
) {
  const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@browser.test`;
  return service.createOfficer(
    firstAdmin(),
    { email, displayName, roles, unitId },
    roles.some(isProtected) ? approver() : undefined,
  );
}

/** Signs in through the console's form at /officer; resolves when the signed-in shell is shown. */
export async function signInWith(page: Page, who: Credentials): Promise<void> {
  await page.goto('/officer');
  await page.getByLabel('อีเมล').fill(who.email);
  await page.getByLabel('รหัสผ่าน').fill(who.password);
  await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
  await expect(page.getByRole('navigation', { name: /เมนูหลัก/ })).toBeVisible();
}

export async function expectAccessible(page: Page): Promise<void> {
  // Legacy mode: axe.run in the page itself. The default injects axe's 650 KB source twice and again
  // into a new blank page for axe.finishRun, 2-3 times the cost; it differs only for cross-origin
  // frames, which no page checked here has. Violations only: the passes' node lists are never read.
  const results = await new AxeBuilder({ page })
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length)
    console.error(
      `axe on ${page.url()}:\n` +
        serious
          .map(
            (v) =>
              `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
          )
          .join('\n'),
    );
  expect(serious.map((v) => v.id)).toEqual([]);
}

export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
}

/** A new officer with `role`, signed in on `page` through the console's form. */
export async function signInAs(page: Page, role: Role): Promise<Credentials & { id: string }> {
  const officer = await createOfficer(new ServiceClient(), [role]);
  await signInWith(page, officer);
  return officer;
}

// Playwright reads a fixture's dependencies from its first parameter's pattern: `{}` means none
/* eslint-disable no-empty-pattern */
export const test = base.extend<{ service: ServiceClient }>({
  baseURL: async ({}, use) => use(browserEnv('baseUrl')),
  service: async ({}, use) => use(new ServiceClient()),
});
/* eslint-enable no-empty-pattern */
