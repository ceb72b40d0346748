/**
 * The integrity channel's citizen pages (issue 16): /report (anonymous report, BE incident date,
 * errors at their fields, the receipt shown once) and the reporter's follow-up page (open with the
 * receipt, read, add information, leave). Each error class is shown with what to do next, on both
 * pages; nothing is stored in the browser, the receipt never enters the address, no third party.
 */
import { createOfficer, expect, expectAccessible, expectNoHorizontalScroll, test } from './fixtures';
import { browserEnv } from './env';
import { ServiceClient } from './officers';
import { ERROR_CLASSES, expectNoStorage, expectSameOrigin, recordRequests } from './public-helpers';

const FOLLOW_UP = '/orgs/demo/integrity/follow-up';

// a report needs an integrity officer to receive it: one is appointed and signs in once (their keys)
test.beforeAll(async () => {
  const service = new ServiceClient();
  await service.login(await createOfficer(service, ['integrity_officer']));
});

test.describe('the integrity channel', () => {
  test('an anonymous reporter files a report, keeps the receipt and follows it up', async ({ page }) => {
    const requests = recordRequests(page);
    const response = await page.goto('/report');
    expect(response!.headers()['cache-control']).toBe('no-store');
    const type = page.getByLabel('ลักษณะการกระทำ');
    await expect(type).toBeEnabled();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // every input labelled; the required ones marked
    for (const label of ['รายละเอียด', 'วันที่เกิดเหตุ', 'หรือช่วงเวลา', 'สถานที่', 'พยาน', 'ท่านเป็น (ไม่บังคับ)'])
      await expect(page.getByLabel(label, { exact: false }).first()).toBeVisible();
    await expect(page.locator('label[for="allegationType"] .required')).toHaveText(/\*/);
    await expect(page.locator('label[for="description"] .required')).toHaveText(/\*/);
    // the kinds of report and the reporter's relations are named by the server (inlined: no labels request)
    await expect(page.getByRole('radio', { name: /แจ้งเบาะแส/ })).toBeVisible();
    await expect(page.locator('#relation option')).toHaveText([
      'ไม่ระบุ / Not saying',
      'ประชาชน / Citizen',
      'บุคลากรของหน่วยงาน / Staff of the organisation',
      'ผู้รับจ้าง/คู่สัญญา / Contractor',
      'อื่น ๆ / Other',
    ]);
    expect(requests.filter((u) => u.includes('/api/v1/labels'))).toEqual([]);

    // nothing filled in: the errors are at their fields, the focus on the first
    const send = page.getByRole('button', { name: /ส่งเรื่อง/ });
    await send.click();
    await expect(page.locator('#allegationType-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#description-error')).toBeVisible();
    await expect(type).toBeFocused();
    await expect(type).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    // the incident date in the Buddhist era: 2569 is 2026 (never 3112); a wrong date is refused at its field
    const date = page.getByLabel('วันที่เกิดเหตุ');
    await date.fill('31/02/2569');
    await date.blur();
    await type.selectOption({ index: 1 });
    await page.getByLabel('รายละเอียด').fill('เจ้าหน้าที่เรียกรับเงินเพื่อให้ผ่านการตรวจรับงาน');
    await send.click();
    await expect(page.locator('#incidentDate-error')).toBeVisible();
    await expect(date).toBeFocused();
    await date.fill('15/3/2569');
    await date.blur();
    await page.locator('#relation').selectOption('contractor');
    let sent: { incidentDate?: string; identity?: unknown; reporterRelation?: string } = {};
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/orgs/demo/integrity-reports'))
        sent = r.postDataJSON() as typeof sent;
    });
    await send.click();
    await expect(page.getByRole('heading', { name: /ได้รับเรื่องแล้ว/ })).toBeFocused();
    expect(sent.incidentDate).toBe('2026-03-15');
    expect(sent.identity).toBeUndefined();
    expect(sent.reporterRelation).toBe('contractor');
    const receipt = (await page.getByTestId('receipt').textContent())!;
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(page.url()).not.toContain(receipt.replace(/ /g, ''));
    expect(page.url()).not.toContain('#');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await expectNoStorage(page);
    await page.getByRole('button', { name: /ลบรหัสออกจากหน้าจอ/ }).click();
    await expect(page.getByTestId('receipt')).not.toContainText(/\d/);

    // follow up with it
    await page.getByRole('link', { name: 'ติดตามเบาะแส', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${FOLLOW_UP}$`));
    await expectAccessible(page);
    await page.getByLabel('รหัสรับเรื่อง').fill(receipt);
    await page.getByRole('button', { name: /เปิดดู/ }).click();
    await expect(page.getByRole('heading', { name: /สถานะ/ })).toBeFocused();
    await expect(page.getByTestId('status')).not.toBeEmpty();
    expect(page.url()).not.toContain(receipt.replace(/ /g, ''));
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // add information: an empty message is refused at its field, then it is sent and listed
    const add = page.getByRole('button', { name: 'ส่ง / Send', exact: true });
    await add.click();
    await expect(page.locator('#body-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.getByLabel('ข้อความถึงเจ้าหน้าที่')).toBeFocused();
    await page.getByLabel('ข้อความถึงเจ้าหน้าที่').fill('มีใบเสร็จปลอมอยู่ในแฟ้มงานจัดซื้อ');
    await add.click();
    await expect(page.getByRole('status').filter({ hasText: 'ส่งแล้ว' })).toBeVisible();
    await expect(page.locator('li', { hasText: 'มีใบเสร็จปลอมอยู่ในแฟ้มงานจัดซื้อ' })).toBeVisible();
    await expectAccessible(page);
    await expectNoStorage(page);

    // leave: the page forgets the session and asks for the receipt again
    await page.getByRole('button', { name: /ออก \/ Leave/ }).click();
    await expect(page.getByRole('alert')).toContainText('ออกแล้ว');
    await expect(page.getByLabel('รหัสรับเรื่อง')).toHaveValue('');
    expectSameOrigin(requests, browserEnv('baseUrl'));
  });

  test('/report shows every error class with what to do next, never stuck', async ({ page }) => {
    await page.goto('/report');
    await page.getByLabel('ลักษณะการกระทำ').selectOption({ index: 1 });
    await page.getByLabel('รายละเอียด').fill('มีการฮั้วประมูลโครงการก่อสร้างถนน');
    const send = page.getByRole('button', { name: /ส่งเรื่อง/ });
    for (const error of ERROR_CLASSES) {
      await page.unroute('**/api/v1/orgs/*/integrity-reports');
      await page.route('**/api/v1/orgs/*/integrity-reports', (route) =>
        'abort' in error.fulfil ? route.abort(error.fulfil.abort) : route.fulfill(error.fulfil),
      );
      await send.click();
      await expect(page.getByRole('alert').first(), error.name).toContainText(error.shows);
      await expect(send, error.name).toBeEnabled();
      await expect(send).toHaveText(/ส่งเรื่อง/);
    }
    // a 429 whose details name the wait only in the body
    await page.unroute('**/api/v1/orgs/*/integrity-reports');
    await page.route('**/api/v1/orgs/*/integrity-reports', (route) =>
      route.fulfill({
        status: 429,
        json: {
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Too many',
          details: { retryAfterSeconds: 30 },
        },
      }),
    );
    await send.click();
    await expect(page.getByRole('alert').first()).toContainText('โปรดรอ 30 วินาที');
    // network loss offers to try again, and the retry goes through
    await page.unroute('**/api/v1/orgs/*/integrity-reports');
    await page.route('**/api/v1/orgs/*/integrity-reports', (route) => route.abort('internetdisconnected'));
    await send.click();
    await expect(page.getByRole('alert').first()).toContainText('ขาดการเชื่อมต่อ');
    await page.unroute('**/api/v1/orgs/*/integrity-reports');
    await page.route('**/api/v1/orgs/*/integrity-reports', (route) =>
      route.fulfill({ status: 201, json: { receipt: '1234567812345678' } }),
    );
    await page.getByRole('button', { name: /ลองส่งใหม่/ }).click();
    await expect(page.getByTestId('receipt')).toHaveText('1234 5678 1234 5678');
    await expectAccessible(page);
  });

  test('the follow-up page shows every error class with what to do next, never "Checking…"', async ({
    page,
  }) => {
    await page.goto(FOLLOW_UP);
    const open = page.getByRole('button', { name: /เปิดดู/ });
    // the receipt is checked at its field first
    await open.click();
    await expect(page.locator('#receipt-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.getByLabel('รหัสรับเรื่อง')).toBeFocused();
    await page.getByLabel('รหัสรับเรื่อง').fill('1234');
    await open.click();
    await expect(page.locator('#receipt-error')).toContainText('16');
    await expectAccessible(page);
    await page.getByLabel('รหัสรับเรื่อง').fill('0000 1111 2222 3333');
    for (const error of ERROR_CLASSES) {
      await page.unroute('**/api/v1/orgs/*/integrity-reports/session');
      await page.route('**/api/v1/orgs/*/integrity-reports/session', (route) =>
        'abort' in error.fulfil ? route.abort(error.fulfil.abort) : route.fulfill(error.fulfil),
      );
      await open.click();
      await expect(page.getByRole('alert').first(), error.name).toContainText(error.shows);
      await expect(open, error.name).toBeEnabled();
      await expect(page.getByText('กำลังตรวจสอบ')).toHaveCount(0);
    }
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // the session opens, but reading the report fails: said so, with a retry that works
    await page.unroute('**/api/v1/orgs/*/integrity-reports/session');
    await page.route('**/api/v1/orgs/*/integrity-reports/session', (route) =>
      route.fulfill({ status: 200, json: { token: 't', tokenType: 'Bearer', expiresIn: 1800 } }),
    );
    let failures = 1;
    await page.route('**/api/v1/integrity-reports/session/report', (route) =>
      failures-- > 0
        ? route.fulfill({ status: 500, json: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'x' } })
        : route.fulfill({
            status: 200,
            json: {
              kind: 'tip',
              allegationType: 'bribery_extortion',
              status: 'received',
              statusText: { th: 'รับเรื่องแล้ว', en: 'Received' },
              receivedOn: '2026-03-15',
              responseOverdue: false,
              canAddInformation: false,
              messages: [],
            },
          }),
    );
    await open.click();
    await expect(page.getByRole('alert').first()).toContainText('ระบบขัดข้อง');
    await page.getByRole('button', { name: /ลองใหม่/ }).click();
    await expect(page.getByTestId('status')).toContainText('รับเรื่องแล้ว');
    await expectAccessible(page);
    await expectNoStorage(page);
  });
});
