/** The citizen complaint form /complain (issue 16 item 3): errors at fields, focus, marks, labels. */
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './fixtures';
import { withoutInitialData } from './public-helpers';

test.describe('the complaint form', () => {
  test('a citizen files: required fields, a field error from the API at its field, then the receipt', async ({
    page,
  }) => {
    await page.goto('/complain');
    const category = page.getByLabel('เรื่องเกี่ยวกับ');
    await expect(category).toBeEnabled();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // every input is labelled; the required ones are marked
    for (const label of ['เรื่องเกี่ยวกับ', 'หัวเรื่อง', 'รายละเอียด', 'สถานที่', 'หมู่บ้าน / หมู่ที่', 'ชื่อ', 'โทรศัพท์', 'อีเมล'])
      await expect(page.getByLabel(label, { exact: false }).first()).toBeVisible();
    await expect(page.locator('label[for="subject"] .required')).toHaveText(/\*/);

    // nothing filled in: each required field says so, and the focus is on the first
    await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
    await expect(page.locator('#category-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#subject-error')).toBeVisible();
    await expect(category).toBeFocused();
    await expect(category).toHaveAttribute('aria-invalid', 'true');
    await expect(category).toHaveAttribute('aria-describedby', /category-error/);
    await expectAccessible(page);

    // the API refuses the phone number: its message in Thai, next to the phone field, focused
    await category.selectOption({ index: 1 });
    await page.getByLabel('หัวเรื่อง').fill('ไฟฟ้าส่องสว่างดับ');
    await page.getByLabel('รายละเอียด').fill('หน้าโรงเรียนมืดมาสามคืน');
    await page.getByLabel('โทรศัพท์').fill('12');
    await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
    const phone = page.getByLabel('โทรศัพท์');
    await expect(page.locator('#phone-error')).toBeVisible();
    await expect(phone).toBeFocused();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#category-error')).toHaveCount(0);
    await expectNoHorizontalScroll(page);

    await phone.fill('0812345678');
    await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
    await expect(page.getByRole('heading', { name: /ได้รับเรื่องแล้ว/ })).toBeFocused();
    await expect(page.getByTestId('tracking-code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });

  test('network loss, a throttled send and a proxy error page are each shown', async ({ page }) => {
    await page.goto('/complain');
    await page.getByLabel('เรื่องเกี่ยวกับ').selectOption({ index: 1 });
    await page.getByLabel('หัวเรื่อง').fill('ถนนชำรุด');
    await page.getByLabel('รายละเอียด').fill('หลุมใหญ่หน้าตลาด');
    const send = page.getByRole('button', { name: /ส่งเรื่อง/ });
    const alert = page.getByRole('alert');

    await page.route('**/api/v1/orgs/*/complaints', (route) => route.abort('internetdisconnected'));
    await send.click();
    await expect(alert).toContainText('ขาดการเชื่อมต่อ ลองใหม่');
    await expect(send).toBeEnabled();

    await page.unroute('**/api/v1/orgs/*/complaints');
    await page.route('**/api/v1/orgs/*/complaints', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '90' },
        json: {
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Too many requests',
          details: { retryAfterSeconds: 90 },
        },
      }),
    );
    await send.click();
    await expect(alert).toContainText('โปรดรอ 2 นาที แล้วลองใหม่');

    await page.unroute('**/api/v1/orgs/*/complaints');
    await page.route('**/api/v1/orgs/*/complaints', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' }),
    );
    await send.click();
    await expect(alert).toContainText('HTTP 502');
    await expect(alert).not.toContainText('Unexpected token');
    await expectAccessible(page);
  });

  test('a failed load of the categories is shown with a way to retry', async ({ page }) => {
    // the server could not inline them either: the page fetches them itself
    await withoutInitialData(page, '/complain');
    let failures = 1;
    await page.route('**/api/v1/orgs/*/categories', (route) =>
      failures-- > 0
        ? route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>down</h1>' })
        : route.fallback(),
    );
    await page.goto('/complain');
    await expect(page.getByRole('alert')).toContainText('ระบบขัดข้อง');
    await page.getByRole('button', { name: /โหลดประเภทเรื่องใหม่/ }).click();
    await expect(page.getByLabel('เรื่องเกี่ยวกับ')).toBeEnabled();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
