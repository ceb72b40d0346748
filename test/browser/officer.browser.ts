/** The officers' console shell (issue 15): sign-in and its errors, the signed-in shell, the case list. */
import { randomUUID } from 'node:crypto';
import {
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  firstAdmin,
  signInAs,
  signInWith,
  test,
} from './fixtures';

test.describe("the officers' console", () => {
  test('before sign-in no menu is shown; after it the shell and the case list', async ({ page, service }) => {
    const { code } = (await service.request<{ code: string }[]>('GET', '/api/v1/orgs/demo/categories'))[0];
    const subject = `ทดสอบรายการ ${randomUUID().slice(0, 8)}`;
    const filed = await fetch(`${service.baseUrl}/api/v1/orgs/demo/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ categoryCode: code, subject, description: 'รายละเอียดของเรื่อง' }),
    }).then((r) => r.json() as Promise<{ referenceNo: string }>);

    await page.goto('/officer');
    await expect(page.getByRole('heading', { name: /เข้าสู่ระบบ/ })).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    await signInAs(page, 'intake');
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /เรื่องร้องเรียน/ })
      .click();
    await expect(page).toHaveURL(/\/officer\/complaints$/);
    await page.getByLabel('ค้นหา').fill(subject);
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/q=/);
    const row = page.getByRole('row', { name: new RegExp(subject) });
    await expect(row.getByRole('link', { name: filed.referenceNo })).toHaveAttribute(
      'href',
      /^\/officer\/complaints\/[0-9a-f-]{36}$/,
    );
    await expect(page.getByText('1 เรื่อง')).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // the session survives a reload (refresh token in this tab), and an unknown path is the console's page
    await page.goto('/officer/users');
    await expect(page.getByRole('heading', { name: /ไม่พบหน้านี้/ })).toBeVisible();
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    await expect(page.getByRole('heading', { name: /เข้าสู่ระบบ/ })).toBeVisible();
  });

  test('sign-in errors are shown: wrong password, lockout with its wait, network loss', async ({ page }) => {
    await page.goto('/officer');
    const alert = page.getByRole('alert');
    await page.getByLabel('อีเมล').fill(firstAdmin().email);
    await page.getByLabel('รหัสผ่าน').fill('not-the-password');
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    await expect(alert).toContainText('อีเมลหรือรหัสผ่านไม่ถูกต้อง');
    await expectAccessible(page);

    await page.route('**/api/v1/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '600' },
        json: {
          statusCode: 429,
          code: 'ACCOUNT_LOCKED',
          message: 'Too many failed sign-ins; try again later.',
          messageTh: 'เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณาลองใหม่ภายหลัง',
          details: { retryAfterSeconds: 600 },
        },
      }),
    );
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    await expect(alert).toContainText('บัญชีถูกระงับชั่วคราว');
    await expect(alert).toContainText('โปรดรอ 10 นาที');

    await page.unroute('**/api/v1/auth/login');
    await page.route('**/api/v1/auth/login', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    await expect(alert).toContainText('ขาดการเชื่อมต่อ ลองใหม่');

    await page.unroute('**/api/v1/auth/login');
    await signInWith(page, firstAdmin());
    await expectNoHorizontalScroll(page);
  });

  test("an integrity officer's first sign-in shows the new recovery key, once", async ({ page }) => {
    await signInAs(page, 'integrity_officer');
    const notice = page.getByRole('status').filter({ hasText: 'กุญแจกู้คืนของท่าน' });
    await expect(notice.locator('.code')).toHaveText(/\S{16,}/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.reload();
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
    await expect(notice).toHaveCount(0);
  });
});
