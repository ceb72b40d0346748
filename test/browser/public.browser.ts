/**
 * The public site (issue 16): an auditor finds the statistics, the handbook and the annual report from
 * the home page; the widget frames on another site; a citizen keeps the code through a reload, answers
 * a request for information and rates the result; each error class is shown; nothing third-party.
 */
import { createOfficer, expect, expectAccessible, expectNoHorizontalScroll, test } from './fixtures';
import { browserEnv } from './env';
import {
  complaintThat,
  ERROR_CLASSES,
  expectNoStorage,
  expectSameOrigin,
  recordRequests,
  withoutInitialData,
} from './public-helpers';

test.describe('statistics, handbook and annual report', () => {
  test('an auditor goes from the home page to the statistics, the annual report and the handbook', async ({
    page,
  }) => {
    const requests = recordRequests(page);
    await page.goto('/');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: /สถิติเรื่องร้องเรียนและรายงานประจำปี/ }).click();
    await expect(page).toHaveURL(/\/statistics$/);

    const year = page.getByLabel('ปีงบประมาณ (พ.ศ.)');
    await expect(year).toHaveValue(/^25\d\d$/);
    await expect(year.locator('option:checked')).toContainText('ปีปัจจุบัน');
    await expect(page.getByRole('heading', { name: /ปีงบประมาณ \d{4}/ })).toBeVisible();
    for (const figure of ['รับเรื่อง / Received', 'ตอบภายในกำหนด 15 วัน', 'ความพึงพอใจ (เป้าหมาย'])
      await expect(page.locator('.figures dt', { hasText: figure }).first()).toBeVisible();
    // charts and their tables
    await expect(page.locator('canvas[role="img"]').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'ตามประเภทเรื่อง / By category' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /เรื่องแจ้งเบาะแสการทุจริต/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /คำนิยาม/ })).toBeVisible();
    await expect(page.getByRole('link', { name: 'สถิติ (CSV) / Statistics (CSV)' })).toHaveAttribute(
      'href',
      /\/api\/v1\/orgs\/demo\/statistics\/complaints\?fiscalYear=25\d\d&format=csv/,
    );
    await expect(page.getByRole('link', { name: /ข้อมูลเปิด รายเรื่อง/ })).toHaveAttribute(
      'href',
      /\/api\/v1\/orgs\/demo\/open-data\/complaints\?fiscalYear=25\d\d$/,
    );
    await expect(page.getByTestId('annual-report')).toContainText('ยังไม่เผยแพร่');
    await expect(page.getByTestId('embed-code')).toContainText('/orgs/demo/widget');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // another fiscal year: kept in the address
    const previous = String(Number(await year.inputValue()) - 1);
    await year.selectOption(previous);
    await expect(page).toHaveURL(new RegExp(`year=${previous}`));
    await expect(page.getByRole('heading', { name: new RegExp(`ปีงบประมาณ ${previous}`) })).toBeVisible();

    // every organisation
    await page.getByRole('link', { name: 'สถิติทุกหน่วยงาน / Every organisation' }).click();
    await expect(page.getByRole('heading', { name: /แยกตามหน่วยงาน/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /สถิติทุกหน่วยงาน \(CSV\)/ })).toBeVisible();
    await expectAccessible(page);

    // the handbook, from the footer
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: /คู่มือการจัดการเรื่องร้องเรียน/ })
      .click();
    await expect(page).toHaveURL(/\/handbook$/);
    await expect(page.getByRole('heading', { level: 1 }).first()).toContainText('คู่มือ');
    await expect(page.getByTestId('deadline-rule')).toContainText('15');
    await expect(page.getByRole('button', { name: /พิมพ์คู่มือ/ })).toBeVisible();
    await expect(page.locator('#integrity h1')).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    expectSameOrigin(requests, browserEnv('baseUrl'));
  });

  test('the annual report, once published, is linked from the statistics page', async ({ page, service }) => {
    // last fiscal year: the first test sees this year's report "not yet published"
    await page.goto('/statistics');
    const year = String(Number(await page.getByLabel('ปีงบประมาณ (พ.ศ.)').inputValue()) - 1);
    const supervisor = await service.login(await createOfficer(service, ['supervisor']));
    const narrative = {
      problems: 'ไฟดับบ่อย',
      obstacles: 'งบประมาณ',
      solutions: 'เปลี่ยนหลอด LED',
      preventiveActions: 'ตรวจทุกเดือน',
    };
    await service.request('PUT', `/api/v1/reports/annual/${year}`, narrative, supervisor);
    const executive = await service.login({
      email: browserEnv('approverEmail'),
      password: browserEnv('approverPassword'),
    });
    await service.request('POST', `/api/v1/reports/annual/${year}/publish`, {}, executive);
    await page.goto(`/statistics?year=${year}`);
    const link = page.getByTestId('annual-report').getByRole('link');
    await expect(link).toContainText(`ปีงบประมาณ ${year}`);
    await link.click();
    await expect(page.locator('body')).toContainText('ไฟดับบ่อย');
  });

  test('a failed load of the statistics says what happened and retries', async ({ page }) => {
    // the server could not inline the figures either: the page fetches them itself
    await withoutInitialData(page, '/statistics');
    let failures = 1;
    await page.route('**/api/v1/orgs/*/statistics/complaints*', (route) =>
      failures-- > 0 ? route.abort('internetdisconnected') : route.fallback(),
    );
    await page.goto('/statistics');
    await expect(page.getByRole('alert')).toContainText('ขาดการเชื่อมต่อ');
    await page.getByRole('button', { name: /ลองใหม่/ }).click();
    await expect(page.getByRole('heading', { name: /ปีงบประมาณ \d{4}/ })).toBeVisible();
  });

  test('the widget: one line of HTML frames it on another site; no other page may be framed', async ({
    page,
    request,
  }) => {
    const widget = await request.get('/orgs/demo/widget');
    expect(widget.headers()['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect(widget.headers()['x-frame-options']).toBeUndefined();
    const statistics = await request.get('/statistics');
    expect(statistics.headers()['content-security-policy']).toMatch(/frame-ancestors 'self'/);

    await page.goto('/statistics');
    const embed = await page.getByTestId('embed-code').innerText();
    // another site (about:blank here) pastes the line
    await page.setContent(`<!doctype html><html lang="en"><title>x</title><body>${embed}</body></html>`);
    const frame = page.frameLocator('iframe');
    await expect(frame.getByTestId('widget-received')).toHaveText(/^\d+$/);
    await expect(frame.getByRole('link', { name: /ดูสถิติทั้งหมด/ })).toHaveAttribute(
      'href',
      /\/statistics\?org=demo$/,
    );
  });
});

test.describe('the complainant', () => {
  test('files a suggestion and keeps the code through a reload, with copy, print and QR', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const requests = recordRequests(page);
    await page.goto('/complain');
    await page.getByLabel(/ข้อเสนอแนะ/).check();
    const category = page.getByLabel('เรื่องเกี่ยวกับ');
    await expect(category).toBeEnabled();
    await category.selectOption({ index: 1 });
    await expect(page.locator('#category-hint')).not.toBeEmpty();
    await page.getByLabel('หัวเรื่อง').fill('ขอให้เพิ่มถังขยะ');
    await page.getByLabel('รายละเอียด').fill('หน้าตลาดไม่มีถังขยะ');
    await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
    const code = page.getByTestId('tracking-code');
    await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const tracking = await code.innerText();
    await expect(page.getByTestId('announce')).toContainText('รหัสติดตามของท่านคือ');
    await expect(page.locator('.qr svg[role="img"]')).toHaveCount(1);

    await page.reload();
    await expect(page.getByTestId('tracking-code')).toHaveText(tracking);
    await page.getByRole('button', { name: /คัดลอกรหัส/ }).click();
    await expect(page.getByTestId('announce')).toContainText('คัดลอก');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tracking);
    await expect(page.getByRole('button', { name: /พิมพ์/ })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.qr svg')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    expectSameOrigin(requests, browserEnv('baseUrl'));

    await page.getByRole('link', { name: /ติดตามเรื่อง \/ Track this complaint/ }).click();
    await expect(page.getByTestId('status')).toBeVisible();
    await expect(page.getByText('ข้อเสนอแนะ').first()).toBeVisible();
  });

  test('answers a request for information on the tracking page', async ({ page, service }) => {
    const code = await complaintThat(service, 'ask');
    await page.goto('/track');
    await page.getByLabel('รหัสติดตาม').fill(code.toLowerCase());
    await page.getByRole('button', { name: /^ติดตาม/ }).click();
    await expect(page).toHaveURL(new RegExp(`/track/${code}$`));
    await expect(page.getByTestId('status')).toContainText('รอข้อมูลเพิ่มเติม');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    const send = page.getByRole('button', { name: /ส่งคำตอบ/ });
    await send.click();
    await expect(page.locator('#answer-error')).toBeVisible();
    await expect(page.getByLabel('คำตอบของท่าน')).toBeFocused();
    await page.getByLabel('คำตอบของท่าน').fill('เสาไฟต้นที่ 12 หน้าบ้านเลขที่ 45');
    await send.click();
    await expect(page.getByRole('status').filter({ hasText: 'ส่งคำตอบแล้ว' })).toBeVisible();
    await expect(page.getByText('เสาไฟต้นที่ 12 หน้าบ้านเลขที่ 45')).toBeVisible();
    await expect(send).toHaveCount(0);
  });

  test('rates the result', async ({ page, service }) => {
    const code = await complaintThat(service, 'resolve');
    await page.goto(`/track/${code}`);
    const send = page.getByRole('button', { name: /ส่งผลประเมิน/ });
    await send.click();
    await expect(page.locator('#rating-error')).toBeVisible();
    await expect(page.locator('#rating-1')).toBeFocused();
    await page.getByLabel('5 / 5').check();
    await page.getByLabel(/ความคิดเห็น/).fill('รวดเร็วดี');
    await send.click();
    await expect(page.getByRole('status').filter({ hasText: 'ขอบคุณสำหรับการประเมิน' })).toBeVisible();
    await expect(send).toHaveCount(0);
    await expectAccessible(page);
  });

  test('the tracking page: a malformed code at its field, an unknown code, each error class with a retry', async ({
    page,
  }) => {
    await page.goto('/track');
    await page.getByLabel('รหัสติดตาม').fill('123');
    await page.getByRole('button', { name: /^ติดตาม/ }).click();
    await expect(page.locator('#code-error')).toContainText('XXXX-XXXX-XXXX');
    await expect(page.getByLabel('รหัสติดตาม')).toBeFocused();

    await page.getByLabel('รหัสติดตาม').fill('ABCD-EFGH-JKMN');
    await page.getByRole('button', { name: /^ติดตาม/ }).click();
    await expect(page.getByRole('alert')).toContainText('ไม่พบ');

    for (const error of ERROR_CLASSES) {
      await page.unroute('**/api/v1/track/**');
      await page.route('**/api/v1/track/**', (route) =>
        'abort' in error.fulfil ? route.abort(error.fulfil.abort) : route.fulfill(error.fulfil),
      );
      await page.getByRole('button', { name: /^ติดตาม/ }).click();
      await expect(page.getByRole('alert'), error.name).toContainText(error.shows);
      await expect(page.getByRole('button', { name: /ลองใหม่/ }), error.name).toBeVisible();
      await expect(page.getByRole('button', { name: /^ติดตาม/ })).toBeEnabled();
    }
    await expectAccessible(page);
  });

  test('the answer form shows each error class and a field error from the API', async ({ page, service }) => {
    const code = await complaintThat(service, 'ask');
    await page.goto(`/track/${code}`);
    await page.getByLabel('คำตอบของท่าน').fill('หมายเลข 12');
    const send = page.getByRole('button', { name: /ส่งคำตอบ/ });
    await page.route('**/api/v1/track/*/answers', (route) =>
      route.fulfill({
        status: 400,
        json: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid',
          details: [{ field: 'message', message: 'too long', messageTh: 'ยาวเกินไป' }],
        },
      }),
    );
    await send.click();
    await expect(page.locator('#answer-error')).toContainText('ยาวเกินไป');
    await expect(page.getByLabel('คำตอบของท่าน')).toBeFocused();
    for (const error of ERROR_CLASSES) {
      await page.unroute('**/api/v1/track/*/answers');
      await page.route('**/api/v1/track/*/answers', (route) =>
        'abort' in error.fulfil ? route.abort(error.fulfil.abort) : route.fulfill(error.fulfil),
      );
      await send.click();
      await expect(page.getByRole('alert').first(), error.name).toContainText(error.shows);
      await expect(send).toBeEnabled();
    }
  });
});

test.describe("the reporter's pages", () => {
  for (const path of ['/report', '/orgs/demo/integrity/follow-up'])
    test(`${path}: no-store, no storage, only this origin`, async ({ page }) => {
      const requests = recordRequests(page);
      const response = await page.goto(path);
      expect(response!.headers()['cache-control']).toBe('no-store');
      await page.waitForLoadState('networkidle');
      await expectNoStorage(page);
      expectSameOrigin(requests, browserEnv('baseUrl'));
    });
});
