/**
 * The officers' working day (issue 15 items 2a–c, 3, 4): intake of an offline complaint ending in the
 * acknowledgement slip, lists with filters and search by phone / reference / tracking code, the case
 * page's actions as an intake officer, a unit head and a supervisor, printable letters, and every error
 * class injected on these pages. Both widths (playwright.config.ts projects).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import {
  createOfficer,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  firstAdmin,
  signInWith,
  test,
} from './fixtures';
import { ServiceClient } from './officers';

/** The Bangkok day `daysAgo` before today as typed in the console: dd/mm/yyyy in the Buddhist era. */
function beDay(daysAgo: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 - daysAgo * 86_400_000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${d.getUTCFullYear() + 543}`;
}

async function unitId(service: ServiceClient, code: string): Promise<{ id: string; nameTh: string }> {
  const token = await service.login(firstAdmin());
  const units = await service.request<{ id: string; code: string; nameTh: string }[]>(
    'GET',
    '/api/v1/units',
    undefined,
    token,
  );
  return units.find((u) => u.code === code)!;
}

/** A public complaint about street lighting (routed to the engineering unit); its reference number. */
async function fileComplaint(service: ServiceClient, subject: string): Promise<string> {
  const response = await fetch(`${service.baseUrl}/api/v1/orgs/demo/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      categoryCode: 'street_lighting',
      subject,
      description: 'ไฟดับทั้งซอย',
      complainant: {
        name: 'สมศรี ทดสอบ',
        email: `c-${randomUUID().slice(0, 8)}@example.test`,
        consentToContact: true,
      },
    }),
  });
  return ((await response.json()) as { referenceNo: string }).referenceNo;
}

/**
 * With SCREENSHOTS=1 (`SCREENSHOTS=1 npm run test:browser -- casework`), the README's pictures: the
 * desktop width writes docs/screenshots/<name>.png. Otherwise nothing is written.
 */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1' || (page.viewportSize()?.width ?? 0) < 1000) return;
  await page.screenshot({
    path: join(__dirname, '..', '..', 'docs', 'screenshots', `${name}.png`),
    fullPage: true,
  });
}

async function openCase(page: Page, reference: string): Promise<void> {
  await page.goto(`/officer/complaints?q=${encodeURIComponent(reference)}`);
  await page.getByRole('link', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(reference) })).toBeVisible();
}

async function act(page: Page, action: RegExp, fill: () => Promise<void> = async () => {}): Promise<void> {
  await page.getByRole('button', { name: action }).click();
  await fill();
  await page.getByRole('button', { name: /ยืนยัน/ }).click();
}

test.describe("the officers' working day", () => {
  test.setTimeout(180_000);

  test('intake of a walk-in complaint, back-dated, ends in the printable slip; the lists find it', async ({
    page,
    service,
  }) => {
    const intake = await createOfficer(service, ['intake']);
    await signInWith(page, intake);
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /รับเรื่อง/ })
      .click();
    await expect(page.getByRole('heading', { name: /รับเรื่องร้องเรียน/ })).toBeVisible();
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // nothing filled: each required field says so, the focus on the first
    await page.getByRole('button', { name: /บันทึกและพิมพ์/ }).click();
    await expect(page.getByRole('alert')).toContainText('ข้อมูลไม่ครบ');
    await expect(page.getByLabel('ช่องทาง')).toBeFocused();
    await expect(page.locator('#i-subject-error')).toContainText('กรุณากรอกช่องนี้');

    const subject = `ไฟดับหน้าตลาด ${randomUUID().slice(0, 8)}`;
    const phone = `08${String(randomInt(10_000_000, 99_999_999))}`;
    await page.getByLabel('ช่องทาง').selectOption({ label: 'ยื่นด้วยตนเอง' });
    await page.getByLabel('วันที่รับเรื่อง').fill(beDay(3));
    await page.getByLabel('เวลา').fill('10:30');
    await page.getByLabel('ประเภท').selectOption('complaint');
    await page.getByLabel('หมวดเรื่อง').selectOption('street_lighting');
    await page.locator('#i-subject').fill(subject);
    await page.getByLabel('รายละเอียด').fill('ไฟฟ้าส่องสว่างดับสามต้น');
    await page.getByLabel('ชื่อ-นามสกุล').fill('นายสมชาย ใจดี');
    await page.getByLabel('โทรศัพท์').fill(phone);
    await page.getByLabel('ผู้ร้องยินยอมให้ติดต่อกลับ').check();
    await page.getByRole('button', { name: /บันทึกและพิมพ์/ }).click();

    await expect(page).toHaveURL(/\/officer\/complaints\/[0-9a-f-]{36}\/slip$/);
    const slip = page.locator('article.document');
    await expect(slip).toContainText('ใบรับเรื่อง');
    const org = await service.request<{ nameTh: string }>(
      'GET',
      '/api/v1/organization',
      undefined,
      await service.login(intake),
    );
    await expect(slip).toContainText(org.nameTh);
    const reference = (await slip.locator('dd.big').first().textContent())!.trim();
    expect(reference).toMatch(/\d{4}\/\d+/);
    const trackingCode = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(trackingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.getByRole('img', { name: /QR/ })).toBeVisible();
    await expect(slip).toContainText(`${beDay(3).split('/')[2]}`); // Buddhist-era year
    await expect(slip).toContainText('กำหนดตอบ');
    // paper: A5 by default for the slip, A4 on request (the @page size follows)
    const paper = () => page.locator('#paper-size').evaluate((style) => style.textContent);
    await expect.poll(paper).toContain('size: A5');
    await shot(page, 'acknowledgement-slip');
    await page.getByLabel('A4').check();
    await expect.poll(paper).toContain('size: A4');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: /พิมพ์/ })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // printed again later (the page loaded anew): marked as a reprint, honest about the tracking code
    await page.reload();
    await expect(slip).toContainText('ฉบับพิมพ์ซ้ำ');
    await expect(page.getByTestId('tracking-code')).toHaveText(/แสดงเฉพาะในใบรับเรื่องฉบับแรก/);
    await expect(page.getByTestId('reprint-note')).toContainText(reference);
    await expect(page.getByRole('img', { name: /QR/ })).toHaveCount(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // the lists: search by phone, reference and tracking code; filters are kept in the address
    for (const key of [phone, reference, trackingCode]) {
      await page.goto('/officer/complaints');
      await page.getByLabel('ค้นหา').fill(key);
      await page.getByRole('button', { name: /กรอง/ }).click();
      await expect(page).toHaveURL(/q=/);
      await expect(page.getByRole('link', { name: reference, exact: true })).toBeVisible();
      await expect(page.getByText('1 เรื่อง')).toBeVisible();
    }
    await page.goto('/officer/complaints');
    await page.getByLabel('ช่องทาง').selectOption({ label: 'ยื่นด้วยตนเอง' });
    await page.locator('#f-categoryCode').selectOption('street_lighting');
    await page.getByLabel('หน่วยงาน').selectOption({ label: 'กองช่าง' });
    await page.getByLabel('ครบกำหนดภายใน (วัน)').fill('60');
    await page.getByLabel('รับตั้งแต่').fill(beDay(4));
    await page.getByLabel('เรียงตาม').selectOption('dueDate');
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/channel=walk_in/);
    await expect(page).toHaveURL(/categoryCode=street_lighting/);
    await expect(page).toHaveURL(/receivedFrom=\d{4}-\d{2}-\d{2}/);
    await expect(page).toHaveURL(/sort=dueDate/);
    const row = page.getByRole('row', { name: new RegExp(subject) });
    await expect(row).toContainText('กองช่าง');
    await expect(row).toContainText('ไฟฟ้าสาธารณะ');
    await expect(row).toContainText(/เหลือ \d+ วัน/);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    // the address keeps the filters: a reload shows them again
    await page.reload();
    await expect(page.getByLabel('ช่องทาง')).toHaveValue('walk_in');
    await expect(row).toBeVisible();
    // overdue: nothing of ours; my work opens
    await page.getByLabel('เกินกำหนด').check();
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/overdue=true/);
    await expect(page.getByText('0 เรื่อง')).toBeVisible();
  });

  test('the case page: intake accepts and assigns, the unit head works it, the supervisor handles duplicates and referrals', async ({
    page,
    service,
  }) => {
    const engineering = await unitId(service, 'engineering');
    const [intake, unitHead, fieldOfficer, supervisor] = await Promise.all([
      createOfficer(service, ['intake']),
      createOfficer(service, ['unit_head'], engineering.id),
      createOfficer(service, ['officer'], engineering.id),
      createOfficer(service, ['supervisor']),
    ]);
    const tag = randomUUID().slice(0, 8);
    const first = await fileComplaint(service, `ไฟดับ ${tag} หนึ่ง`);
    const second = await fileComplaint(service, `ไฟดับ ${tag} สอง`);
    const third = await fileComplaint(service, `ไฟดับ ${tag} สาม`);

    // intake: only screening actions; accept with a note, then assign (unit preselected, then a person)
    await signInWith(page, intake);
    await openCase(page, first);
    await expect(page.getByTestId('case-unit')).toHaveText('กองช่าง');
    await expect(page.getByRole('button', { name: /Accept$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /ดำเนินการแล้วเสร็จ|Resolve/ })).toHaveCount(0);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await act(page, /Accept$/, () => page.getByLabel('บันทึกภายใน').fill('ตรวจแล้ว เรื่องของกองช่าง'));
    await expect(page.getByRole('status')).toContainText('บันทึกแล้ว');
    const history = page.locator('.timeline');
    await expect(history).toContainText('ตรวจแล้ว เรื่องของกองช่าง');
    await expect(history).toContainText('เจ้าหน้าที่ intake');
    await page.getByRole('button', { name: /Assign/ }).click();
    await expect(page.locator('#a-unit')).toHaveValue(engineering.id);
    await expect(page.locator('#a-assignee')).toContainText('เจ้าหน้าที่ officer');
    await page.locator('#a-assignee').selectOption({ label: 'เจ้าหน้าที่ officer' });
    await page.getByLabel('บันทึกภายใน').fill('มอบให้ช่างไฟ');
    await page.getByRole('button', { name: /ยืนยัน/ }).click();
    await expect(page.getByTestId('case-assignee')).toHaveText('เจ้าหน้าที่ officer');
    await expect(history).toContainText('มอบให้ช่างไฟ');
    expect(fieldOfficer.id).toBeTruthy();

    // the unit head: an extension to an earlier date is refused at the field; then ask, resume, resolve
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    await signInWith(page, unitHead);
    await openCase(page, first);
    await act(page, /ขยายกำหนด/, async () => {
      await page.getByLabel('กำหนดใหม่').fill(beDay(1));
      await page.getByLabel('เหตุผล (แจ้งผู้ร้อง)').fill('รออะไหล่');
    });
    await expect(page.locator('#a-new-due-error')).toContainText('วันครบกำหนดใหม่ต้องหลังวันครบกำหนดเดิม');
    await expect(page.getByLabel('กำหนดใหม่')).toBeFocused();
    await act(page, /Request information/, () =>
      page.getByLabel('สิ่งที่ขอจากผู้ร้อง / What you ask the complainant').fill('ขอเลขเสาไฟ'),
    );
    await expect(page.locator('.status-badge')).toHaveText('รอข้อมูลเพิ่มเติมจากผู้ร้องเรียน');
    await act(page, /Resume/);
    await act(page, /Resolve/, () =>
      page.getByLabel('ผลการดำเนินการ (ผู้ร้องเห็น) / Result (the complainant sees it)').fill('เปลี่ยนหลอดไฟแล้ว'),
    );
    await expect(page.getByText('ผลการดำเนินการ / Result:')).toBeVisible();
    await shot(page, 'console-case');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
    await page.getByRole('link', { name: /หนังสือแจ้งผล/ }).click();
    await expect(page.locator('article.document')).toContainText('เปลี่ยนหลอดไฟแล้ว');
    await expect(page.locator('article.document')).toContainText('สมศรี ทดสอบ');
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);

    // the supervisor: the second case repeats the first (by its reference number); the third is referred
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    await signInWith(page, supervisor);
    await openCase(page, second);
    await act(page, /Mark as duplicate/, () => page.getByLabel('เลขที่เรื่องเดิม').fill('9999/999999'));
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByLabel('เลขที่เรื่องเดิม').fill(first);
    await page.getByRole('button', { name: /ยืนยัน/ }).click();
    await expect(page.getByRole('link', { name: first, exact: true })).toBeVisible();
    await openCase(page, third);
    await act(page, /Refer/, async () => {
      await page.getByLabel('หน่วยงานที่ส่งต่อ').fill('การไฟฟ้าส่วนภูมิภาค');
      await page.getByLabel('วันที่ส่งต่อ').fill(beDay(0));
      await page.getByLabel('เลขที่หนังสือ').fill('มท 0808/123');
    });
    await page.getByRole('link', { name: /หนังสือส่งต่อ/ }).click();
    const letter = page.locator('article.document');
    await expect(letter).toContainText('การไฟฟ้าส่วนภูมิภาค');
    await expect(letter).toContainText('มท 0808/123');
    await expect(letter).toContainText(third);
    await expectAccessible(page);
    await expectNoHorizontalScroll(page);
  });

  test('every error class is shown on these pages: 400 fields, 409, 429, network loss, 500', async ({
    page,
    service,
  }) => {
    const supervisor = await createOfficer(service, ['supervisor']);
    const reference = await fileComplaint(service, `ทดสอบข้อผิดพลาด ${randomUUID().slice(0, 8)}`);
    await signInWith(page, supervisor);

    // 400 with a field: the message next to the field, the focus on it
    await page.goto('/officer/intake');
    await page.getByLabel('ช่องทาง').selectOption('phone');
    await page.getByLabel('หมวดเรื่อง').selectOption('street_lighting');
    await page.locator('#i-subject').fill('ทดสอบ');
    await page.getByLabel('รายละเอียด').fill('ทดสอบ');
    await page.getByLabel('โทรศัพท์').fill('12');
    await page.route('**/api/v1/complaints', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            json: {
              statusCode: 400,
              code: 'VALIDATION_FAILED',
              message: 'Validation failed',
              details: [
                {
                  field: 'complainant.phone',
                  message: 'not a Thai phone number',
                  messageTh: 'เบอร์โทรศัพท์ไม่ถูกต้อง',
                },
              ],
            },
          })
        : route.continue(),
    );
    await page.getByRole('button', { name: /บันทึกและพิมพ์/ }).click();
    await expect(page.locator('#i-phone-error')).toContainText('เบอร์โทรศัพท์ไม่ถูกต้อง');
    await expect(page.getByLabel('โทรศัพท์')).toBeFocused();
    await expectAccessible(page);
    await page.unroute('**/api/v1/complaints');

    // 409 on a case action: what changed, and the case is read again
    await openCase(page, reference);
    let reads = 0;
    await page.route('**/api/v1/complaints/*', (route) => {
      reads++;
      return route.continue();
    });
    await page.route('**/api/v1/complaints/*/accept', (route) =>
      route.fulfill({
        status: 409,
        json: {
          statusCode: 409,
          code: 'TRANSITION_NOT_ALLOWED',
          message: 'This action is not possible in the current status.',
          messageTh: 'ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน',
          details: {
            currentStatus: 'assigned',
            statusLabel: { th: 'มอบหมายแล้ว', en: 'Assigned' },
            allowedActions: ['start'],
          },
        },
      }),
    );
    await act(page, /Accept$/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('ทำรายการนี้ไม่ได้ในสถานะปัจจุบัน');
    await expect(alert).toContainText('มอบหมายแล้ว');
    await expect(alert).toContainText('โหลดข้อมูลล่าสุดของเรื่องแล้ว');
    await expect.poll(() => reads).toBeGreaterThan(0);
    await expectAccessible(page);

    // 429: how long to wait; network loss; a server error (HTML from a proxy, and the API's 500)
    const answers: [string, (route: import('@playwright/test').Route) => Promise<void>][] = [
      [
        'โปรดรอ 2 นาที',
        (route) =>
          route.fulfill({
            status: 429,
            headers: { 'retry-after': '120' },
            json: {
              statusCode: 429,
              code: 'RATE_LIMITED',
              message: 'Too many requests',
              messageTh: 'มีคำขอมากเกินไป',
            },
          }),
      ],
      ['ขาดการเชื่อมต่อ', (route) => route.abort('internetdisconnected')],
      [
        'ระบบขัดข้อง',
        (route) =>
          route.fulfill({
            status: 500,
            json: {
              statusCode: 500,
              code: 'INTERNAL_ERROR',
              message: 'Internal error',
              requestId: 'req-123',
            },
          }),
      ],
      [
        'ระบบขัดข้อง',
        (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
      ],
    ];
    for (const [text, answer] of answers) {
      await page.unroute('**/api/v1/complaints/*/accept');
      await page.route('**/api/v1/complaints/*/accept', answer);
      await page.getByRole('button', { name: /ยืนยัน/ }).click();
      await expect(page.getByRole('alert')).toContainText(text);
    }
    await page.unroute('**/api/v1/complaints/*/accept');

    // the list and the case page themselves, when reading fails
    await page.route('**/api/v1/complaints?**', (route) => route.abort('internetdisconnected'));
    await page.goto('/officer/complaints');
    await expect(page.getByRole('alert')).toContainText('ขาดการเชื่อมต่อ');
    await expect(page.getByRole('button', { name: /ลองใหม่/ })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
