/**
 * The administration, dashboard, annual report and audit pages of the officers' console (issue 15):
 * each journey at both widths with axe and the 390 px check, and the error classes on admin pages.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  createOfficer,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  firstAdmin,
  signInAs,
  signInWith,
  test,
} from './fixtures';
import type { ServiceClient } from './officers';

// long journeys (several officers made through the API, several pages) on a loaded machine
test.describe.configure({ timeout: 150_000 });

const unique = () => randomBytes(4).toString('hex');

async function roleLabel(service: ServiceClient, code: string): Promise<string> {
  const labels = await service.request<{ roles: { code: string; th: string }[] }>('GET', '/api/v1/labels');
  return labels.roles.find((r) => r.code === code)!.th;
}

async function checkPage(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
}

/** Opens an administration page through the menu and the administration index. */
async function openAdmin(page: Page, name: RegExp): Promise<void> {
  await page
    .getByRole('navigation')
    .getByRole('link', { name: /ผู้ดูแลระบบ/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: /ผู้ดูแลระบบ/ })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name }).click();
}

test.describe('administration', () => {
  test('an administrator invites a user, who chooses a password from the e-mailed link', async ({
    page,
    service,
  }) => {
    await signInAs(page, 'admin');
    await openAdmin(page, /ผู้ใช้งาน/);
    await expect(page.getByRole('heading', { level: 1, name: /ผู้ใช้งาน/ })).toBeVisible();
    await checkPage(page);

    // nothing typed: the errors are next to their fields and the focus is on the first
    await page.getByRole('button', { name: /ส่งคำเชิญ/ }).click();
    await expect(page.getByRole('alert')).toContainText('ข้อมูลไม่ครบ');
    await expect(page.getByRole('textbox', { name: /^อีเมล/ })).toBeFocused();
    await expect(page.locator('#invite-name-error')).toContainText('กรุณากรอกชื่อ');

    const email = `invited-${unique()}@browser.test`;
    const name = `สมหญิง ${unique()}`;
    await page.getByRole('textbox', { name: /^อีเมล/ }).fill(email);
    await page.getByRole('textbox', { name: /^ชื่อที่แสดง/ }).fill(name);
    await page
      .getByRole('group', { name: /บทบาท/ })
      .getByLabel(await roleLabel(service, 'officer'))
      .check();
    await page.getByRole('button', { name: /ส่งคำเชิญ/ }).click();
    await expect(page.getByRole('status')).toContainText(`ส่งคำเชิญถึง ${email}`);
    await expect(page.getByRole('listitem', { name })).toContainText(await roleLabel(service, 'officer'));
    await checkPage(page);

    // the same address again: the API's conflict is shown
    await page.getByRole('textbox', { name: /^อีเมล/ }).fill(email);
    await page.getByRole('textbox', { name: /^ชื่อที่แสดง/ }).fill('ซ้ำ');
    await page.getByRole('button', { name: /ส่งคำเชิญ/ }).click();
    await expect(page.getByRole('alert').first()).toBeVisible();

    // the invited person follows the link in the e-mail and chooses a password
    const token = await service.accountLinkToken(email);
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    await page.goto(`/officer/set-password#${token}`);
    // whose link it is; the token leaves the address bar at once
    await expect(page.getByRole('main')).toContainText(email);
    expect(new URL(page.url()).hash).toBe('');
    await checkPage(page);
    const password = `pw-${unique()}-${unique()}`;
    // too short, then two different passwords: each error at its field, the focus on it
    await page.getByLabel(/รหัสผ่านใหม่/).fill('short');
    await page.getByLabel(/พิมพ์อีกครั้ง/).fill('short');
    await page.getByRole('button', { name: /บันทึก/ }).click();
    await expect(page.locator('#new-password-error')).toContainText('อย่างน้อย 12 ตัวอักษร');
    await expect(page.getByLabel(/รหัสผ่านใหม่/)).toBeFocused();
    await checkPage(page);
    await page.getByLabel(/รหัสผ่านใหม่/).fill(password);
    await page.getByLabel(/พิมพ์อีกครั้ง/).fill(`${password}x`);
    await page.getByRole('button', { name: /บันทึก/ }).click();
    await expect(page.locator('#again-password-error')).toContainText('ไม่ตรงกัน');
    await expect(page.getByLabel(/พิมพ์อีกครั้ง/)).toBeFocused();
    await page.getByLabel(/รหัสผ่านใหม่/).fill(password);
    await page.getByLabel(/พิมพ์อีกครั้ง/).fill(password);
    await page.getByRole('button', { name: /บันทึก/ }).click();
    await expect(page.getByText('ตั้งรหัสผ่านแล้ว')).toBeVisible();
    await checkPage(page);
    // the link works once: opened again, it says so and what to do
    await page.goto(`/officer/set-password#${token}`);
    await expect(page.getByRole('alert')).toContainText('ลิงก์นี้ถูกใช้ไปแล้ว');
    await checkPage(page);
    // a link cut short (no token) and an unknown one
    await page.goto('/officer/set-password');
    await expect(page.getByRole('alert')).toContainText('ลิงก์ไม่ครบ');
    await page.goto(`/officer/set-password#${'A'.repeat(43)}`);
    await expect(page.getByRole('alert')).toContainText('ลิงก์นี้ใช้ไม่ได้');
    await signInWith(page, { email, password });
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
  });

  test('an administrator edits units, categories, holidays and settings', async ({ page }, testInfo) => {
    await signInAs(page, 'admin');
    const code = `u_${unique()}`;

    await openAdmin(page, /หน่วยงาน/);
    const add = page.getByRole('region', { name: /เพิ่มหน่วยงาน/ });
    await add.getByLabel(/^รหัส/).fill(code);
    await add.getByLabel(/^ชื่อ \(ไทย\)/).fill(`กองทดสอบ ${code}`);
    await add.getByRole('button', { name: /เพิ่มหน่วยงาน/ }).click();
    await expect(page.getByRole('status')).toContainText('บันทึกหน่วยงาน');
    const item = page.getByRole('listitem', { name: `กองทดสอบ ${code}` });
    await item.getByRole('button', { name: /แก้ไข/ }).click();
    await item.getByLabel(/^ชื่อ \(ไทย\)/).fill(`กองช่างทดสอบ ${code}`);
    await item.getByRole('button', { name: /บันทึก/ }).click();
    await expect(page.getByRole('listitem', { name: `กองช่างทดสอบ ${code}` })).toBeVisible();
    await checkPage(page);

    await openAdmin(page, /ประเภทเรื่อง/);
    const addCat = page.getByRole('region', { name: /เพิ่มประเภท/ });
    await addCat.getByLabel(/^รหัส/).fill(`c_${code}`);
    await addCat.getByLabel(/^ชื่อ \(ไทย\)/).fill(`ถนนชำรุด ${code}`);
    await addCat.getByLabel(/^ชื่อ \(อังกฤษ\)/).fill(`Roads ${code}`);
    await addCat.getByLabel(/^ส่งเรื่องไปที่/).selectOption({ label: `กองช่างทดสอบ ${code}` });
    await addCat.getByRole('button', { name: /เพิ่มประเภท/ }).click();
    await expect(page.getByRole('listitem', { name: `ถนนชำรุด ${code}` })).toContainText(
      `ส่งไปที่ / routed to: กองช่างทดสอบ ${code}`,
    );
    await checkPage(page);

    await openAdmin(page, /วันหยุด/);
    const name = `วันหยุดทดสอบ ${code}`;
    await page.getByLabel(/^วันที่/).fill('31/02/2569');
    await page.getByLabel(/^ชื่อวันหยุด \(ไทย\)/).fill(name);
    await page.getByRole('button', { name: /เพิ่มวันหยุด/ }).click();
    await expect(page.locator('#holiday-date-error')).toBeVisible();
    const year = new Date().getFullYear();
    // a day of its own for each width (both run at once on one database)
    const day = testInfo.project.name === 'phone' ? 15 : 16;
    await page.getByLabel(/^วันที่/).fill(`${day}/12/${year + 543}`);
    await page.getByRole('button', { name: /เพิ่มวันหยุด/ }).click();
    await expect(page.getByRole('status')).toContainText(`เพิ่ม ${name}`);
    await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(
      `${day} ธันวาคม ${year + 543}`,
    );
    await checkPage(page);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `ลบ / Remove: ${name}` }).click();
    await expect(page.getByRole('status')).toContainText(`ลบ ${name} แล้ว`);

    await openAdmin(page, /ตั้งค่าองค์กร/);
    const target = page.getByLabel(/^เป้าหมายความพึงพอใจ/);
    await target.fill('0');
    await page.getByRole('button', { name: /บันทึกการตั้งค่า/ }).click();
    await expect(target).toBeFocused();
    await expect(page.locator('#set-satisfactionTargetPercent-error')).toBeVisible();
    await target.fill('85');
    await page.getByRole('button', { name: /บันทึกการตั้งค่า/ }).click();
    await expect(page.getByRole('status')).toContainText('บันทึกการตั้งค่าแล้ว');
    await page.reload();
    await expect(page.getByLabel(/^เป้าหมายความพึงพอใจ/)).toHaveValue('85');
    // the integrity deadlines and whether a complainant's online answer resumes the clock (left on: other
    // journeys on this database answer requests for information)
    await expect(page.getByRole('group', { name: /เรื่องทุจริต: การสรุปผล/ })).toBeVisible();
    await expect(page.getByLabel(/ดำเนินเรื่องต่อและนับเวลาต่อทันที/)).toBeChecked();
    await checkPage(page);
  });

  test('a protected role waits for a second administrator, who approves it', async ({ page, service }) => {
    const first = await signInAs(page, 'admin');
    const email = `exec-${unique()}@browser.test`;
    const name = `ผู้บริหาร ${unique()}`;
    const executive = await roleLabel(service, 'executive');
    await openAdmin(page, /ผู้ใช้งาน/);
    await page.getByRole('textbox', { name: /^อีเมล/ }).fill(email);
    await page.getByRole('textbox', { name: /^ชื่อที่แสดง/ }).fill(name);
    await page.getByRole('group', { name: /บทบาท/ }).getByLabel(executive).check();
    await page.getByRole('button', { name: /ส่งคำเชิญ/ }).click();
    await expect(page.getByRole('status')).toContainText('รออนุมัติจากผู้ดูแลอีกคน');

    // the one who asked cannot approve: the API's refusal is shown
    await openAdmin(page, /คำขอบทบาท/);
    const request = page.getByRole('listitem', { name: `${name}: ${executive}` });
    await request.getByRole('button', { name: /^อนุมัติ/ }).click();
    await expect(request.getByRole('alert')).toBeVisible();
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();

    const second = await createOfficer(service, ['admin']);
    expect(second.id).not.toBe(first.id);
    await signInWith(page, second);
    await openAdmin(page, /คำขอบทบาท/);
    await checkPage(page);
    await request.getByLabel(/^เหตุผล/).fill('ได้รับแต่งตั้งตามคำสั่ง');
    await request.getByRole('button', { name: /^อนุมัติ/ }).click();
    await expect(page.getByRole('status')).toContainText(`อนุมัติแล้ว / Approved: ${executive} — ${name}`);
    await page.getByLabel(/^แสดง/).selectOption('approved');
    await expect(page.getByRole('listitem', { name: `${name}: ${executive}` })).toContainText(
      'ได้รับแต่งตั้งตามคำสั่ง',
    );
  });

  test('an administrator retries a failed mail', async ({ page, service }) => {
    const email = `bounce-${unique()}@browser.test`;
    await service.rejectMail(email, 1);
    const token = await service.login(firstAdmin());
    const name = `อีเมลตีกลับ ${unique()}`;
    const user = await service.request<{ id: string }>(
      'POST',
      '/api/v1/users',
      { email, displayName: name, roles: ['officer'] },
      token,
      201,
    );
    await expect
      .poll(
        async () =>
          (
            await service.request<{ items: { aboutId: string | null }[] }>(
              'GET',
              '/api/v1/notifications/messages?status=failed&limit=200',
              undefined,
              token,
            )
          ).items.some((m) => m.aboutId === user.id),
        { timeout: 30_000 },
      )
      .toBe(true);

    await signInAs(page, 'admin');
    await openAdmin(page, /อีเมลที่ส่งไม่สำเร็จ/);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('No such user');
    await checkPage(page);
    await row.getByRole('button', { name: /ส่งใหม่/ }).click();
    await expect(page.getByRole('status')).toContainText('ส่งใหม่แล้ว');
    await service.accountLinkToken(email);
  });

  test('the audit trail is filtered by action, entity and dates', async ({ page, service }) => {
    // a category change: its entries are of the entity type the server writes (complaint_category)
    const code = `audit_${unique()}`;
    await service.request(
      'POST',
      '/api/v1/categories',
      { code, nameTh: `หมวดตรวจสอบ ${code}`, nameEn: `Audit ${code}` },
      await service.login(firstAdmin()),
      201,
    );
    await signInAs(page, 'supervisor');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /บันทึกการใช้งาน/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /บันทึกการใช้งาน/ })).toBeVisible();
    await expect(page.getByText(/รายการ \/ entries/)).toBeVisible();
    await page.getByLabel(/^การกระทำ/).fill('user.');
    await page.getByLabel(/^ประเภทข้อมูล/).selectOption('user');
    const today = new Date().toLocaleDateString('en-GB', { timeZone: 'Asia/Bangkok' }).split('/');
    await page.getByLabel(/^ตั้งแต่วันที่/).fill(`${today[0]}/${today[1]}/${Number(today[2]) + 543}`);
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/action=user\.&entityType=user&from=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole('cell', { name: /^user\./ }).first()).toBeVisible();
    await expect(page.locator('tbody tr').filter({ hasNotText: 'user.' })).toHaveCount(0);
    await page.getByLabel(/^การกระทำ/).fill('category.');
    await page.getByLabel(/^ประเภทข้อมูล/).selectOption('complaint_category');
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/entityType=complaint_category/);
    await expect(page.getByRole('cell', { name: /^category\.create/ }).first()).toBeVisible();
    await checkPage(page);
  });
});

test.describe('executives and supervisors', () => {
  test('the executive dashboard: open, overdue by unit, due this week, compliance by month', async ({
    page,
  }) => {
    await signInAs(page, 'executive');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /ภาพรวม/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /ภาพรวม/ })).toBeVisible();
    await expect(page.getByRole('list', { name: /ตัวเลขสรุป/ })).toContainText('เกินกำหนด');
    await expect(page.getByRole('heading', { name: /แยกตามหน่วยงาน/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /15 วัน รายเดือน/ })).toBeVisible();
    await checkPage(page);
  });

  test('a supervisor edits and publishes the annual report', async ({ page }) => {
    await signInAs(page, 'supervisor');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /รายงานประจำปี/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /รายงานประจำปี/ })).toBeVisible();
    const form = page.getByRole('form', { name: /ร่างรายงาน/ });
    await form.getByLabel(/^ปัญหา/).fill('');
    await form.getByRole('button', { name: /บันทึกร่าง/ }).click();
    await expect(form.getByLabel(/^ปัญหา/)).toBeFocused();
    for (const [label, text] of [
      [/^ปัญหา/, 'ถนนชำรุดหลายจุด'],
      [/^อุปสรรค/, 'งบประมาณจำกัด'],
      [/^แนวทางแก้ไข/, 'จัดลำดับความเร่งด่วน'],
      [/^การป้องกัน/, 'ตรวจถนนทุกไตรมาส'],
    ] as const)
      await form.getByLabel(label).fill(text);
    await form.getByRole('button', { name: /บันทึกร่าง/ }).click();
    await expect(page.getByRole('status')).toContainText('บันทึกร่างแล้ว');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: /เผยแพร่/ }).click();
    await expect(page.getByRole('status')).toContainText('เผยแพร่แล้ว');
    await expect(page.getByText(/เผยแพร่เมื่อ/)).toBeVisible();
    await checkPage(page);
  });
});

test('errors on the administration pages are always shown', async ({ page }) => {
  await signInAs(page, 'admin');
  await openAdmin(page, /หน่วยงาน/);
  const add = page.getByRole('region', { name: /เพิ่มหน่วยงาน/ });
  const submit = () => add.getByRole('button', { name: /เพิ่มหน่วยงาน/ }).click();
  const alert = add.getByRole('alert');

  // the API's field error, next to its field, with the focus on it
  await add.getByLabel(/^รหัส/).fill('Not A Code!');
  await add.getByLabel(/^ชื่อ \(ไทย\)/).fill('กองทดสอบข้อผิดพลาด');
  await submit();
  await expect(add.getByLabel(/^รหัส/)).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel(/^รหัส/)).toBeFocused();
  await expectAccessible(page);

  await add.getByLabel(/^รหัส/).fill(`e_${unique()}`);
  const units = '**/api/v1/units';
  await page.route(units, (route) => route.abort('internetdisconnected'));
  await submit();
  await expect(alert).toContainText('ขาดการเชื่อมต่อ');

  await page.unroute(units);
  await page.route(units, (route) =>
    route.fulfill({
      status: 429,
      headers: { 'retry-after': '90' },
      json: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' },
    }),
  );
  await submit();
  await expect(alert).toContainText('โปรดรอ 2 นาที');

  await page.unroute(units);
  await page.route(units, (route) =>
    route.fulfill({
      status: 409,
      json: {
        statusCode: 409,
        code: 'UNIT_CODE_TAKEN',
        message: 'The code is taken',
        messageTh: 'รหัสนี้มีอยู่แล้ว',
      },
    }),
  );
  await submit();
  await expect(alert).toContainText('รหัสนี้มีอยู่แล้ว');

  await page.unroute(units);
  await page.route(units, (route) =>
    route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
  );
  await submit();
  await expect(alert).toContainText('HTTP 502');
  await page.unroute(units);

  // a failed load: the 5xx with its request id
  await page.route('**/api/v1/users', (route) =>
    route.fulfill({
      status: 500,
      json: { statusCode: 500, code: 'INTERNAL', message: 'Internal error', requestId: 'req-test-1' },
    }),
  );
  await page
    .getByRole('link', { name: /ผู้ดูแลระบบ \/ Administration/ })
    .first()
    .click();
  await page
    .getByRole('main')
    .getByRole('link', { name: /ผู้ใช้งาน/ })
    .click();
  await expect(page.getByRole('alert')).toContainText('req-test-1');
  await checkPage(page);
});
