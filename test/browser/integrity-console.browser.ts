/**
 * The integrity officers' and custodians' console (issue 15): an integrity officer signs in, reads a
 * report filed by an anonymous reporter, answers it (the reporter reads the answer with the receipt on
 * the follow-up page) and takes workflow steps; the key is unlocked when the API says it is locked; a
 * custodian decides an identity request and the requester reads the identity; an officer without the
 * role is told so; every error class is shown. axe and sideways scroll on every page, at both widths.
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
import type { Credentials, ServiceClient } from './officers';
import { ERROR_CLASSES } from './public-helpers';

const FOLLOW_UP = '/orgs/demo/integrity/follow-up';
/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Files a report through the public API (anonymous unless `identity`); its receipt. */
async function fileReport(
  service: ServiceClient,
  description: string,
  identity?: object,
  more: object = {},
): Promise<string> {
  const { receipt } = await service.request<{ receipt: string }>(
    'POST',
    '/api/v1/orgs/demo/integrity-reports',
    {
      kind: 'tip',
      allegationType: 'bribery_extortion',
      description,
      ...(identity ? { identity } : {}),
      ...more,
    },
    undefined,
    201,
  );
  return receipt;
}

/** The report whose description contains `marker`, as `officer` sees it (other tests file reports too). */
async function findReport(service: ServiceClient, officer: Credentials, marker: string) {
  const token = await service.login(officer);
  const list = await service.request<{ items: { id: string; number: string }[] }>(
    'GET',
    '/api/v1/integrity-reports?pageSize=100',
    undefined,
    token,
  );
  for (const item of list.items) {
    const detail = await service.request<{ description: string }>(
      'GET',
      `/api/v1/integrity-reports/${item.id}`,
      undefined,
      token,
    );
    if (detail.description.includes(marker)) return item;
  }
  throw new Error(`no report with ${marker}`);
}

/**
 * A new integrity officer signed in on `page` (their key made at this first sign-in), then a report
 * about `what` filed by an anonymous reporter: the officer, the report and its marker.
 */
async function officerWithReport(page: Page, service: ServiceClient, what: string) {
  const officer = await createOfficer(service, ['integrity_officer']);
  await signInWith(page, officer);
  const marker = `ทดสอบ ${randomBytes(4).toString('hex')}`;
  await fileReport(service, `${what} ${marker}`);
  return { officer, marker, report: await findReport(service, officer, marker) };
}

async function checkPage(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
}

test.describe("the integrity officers' console", () => {
  // each journey signs several officers in and files a report: generous on a busy two-core machine
  test.describe.configure({ timeout: 120_000 });
  test('an integrity officer reads an anonymous report, answers the reporter and takes workflow steps', async ({
    page,
    browser,
    baseURL,
    service,
  }) => {
    const officer = await createOfficer(service, ['integrity_officer']);
    await signInWith(page, officer);
    await expect(page.getByRole('status').filter({ hasText: 'กุญแจกู้คืนของท่าน' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
    // an integrity officer only: no complaints menu, the integrity list instead
    const nav = page.getByRole('navigation', { name: /เมนูหลัก/ });
    await expect(nav.getByRole('link', { name: /เรื่องร้องเรียน/ })).toHaveCount(0);
    await checkPage(page);

    const marker = `ทดสอบคอนโซล ${randomBytes(4).toString('hex')}`;
    // a colleague who holds a key when the report arrives, so they get access too
    const colleagueName = `เพื่อนร่วมงาน ${marker}`;
    await service.login(await createOfficer(service, ['integrity_officer'], null, colleagueName));
    const receipt = await fileReport(service, `เจ้าหน้าที่เรียกรับเงินเพื่อให้ผ่านการตรวจรับงาน ${marker}`, undefined, {
      reporterRelation: 'staff',
    });
    const report = await findReport(service, officer, marker);

    await nav.getByRole('link', { name: /แจ้งเบาะแสทุจริต/ }).click();
    await expect(page).toHaveURL(/\/officer\/integrity-reports$/);
    await expect(page.getByRole('heading', { name: /เรื่องทุจริตและเบาะแส/ })).toBeVisible();
    // filters from the API: by status (labels from GET /labels), kept in the address
    await page.getByLabel('สถานะ').selectOption('received');
    await page.getByLabel('ประเภท').selectOption('tip');
    await page.getByRole('button', { name: /กรอง/ }).click();
    await expect(page).toHaveURL(/status=received/);
    await expect(page).toHaveURL(/kind=tip/);
    const link = page.getByRole('link', { name: report.number, exact: true });
    await expect(link).toBeVisible();
    await checkPage(page);

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/officer/integrity-reports/${report.id}$`));
    await expect(page.getByTestId('integrity-description')).toContainText(marker);
    await expect(page.getByText('ไม่ / no (นิรนาม / anonymous)')).toBeVisible();
    // who the reporter is, named by GET /labels
    await expect(page.getByText('บุคลากรของหน่วยงาน / Staff of the organisation')).toBeVisible();
    // the menu still marks where the officer is: a report lies under the integrity list
    await expect(nav.locator('li[aria-current="page"]')).toHaveText(/แจ้งเบาะแสทุจริต/);
    await expect(page.getByTestId('integrity-status')).toHaveText('ได้รับเรื่องแล้ว รอเจ้าหน้าที่ตรวจสอบ');
    await checkPage(page);

    // answer the reporter: an empty answer is refused at its field, then it is sent and listed
    const send = page.getByRole('button', { name: 'ส่งถึงผู้แจ้ง / Send to the reporter' });
    await send.click();
    await expect(page.locator('#reply-body-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#reply-body')).toBeFocused();
    const answer = `ได้รับเรื่องแล้ว กำลังตรวจสอบ ${marker}`;
    await page.locator('#reply-body').fill(answer);
    await send.click();
    await expect(page.getByRole('status').filter({ hasText: 'บันทึกแล้ว' })).toBeVisible();
    await expect(page.getByTestId('integrity-messages')).toContainText(answer);
    await expect(page.locator('#reply-body')).toHaveValue('');

    // evidence: an officer attaches a photo; its thumbnail is shown and the download is the file
    await page.getByLabel(/Attach documents or evidence/).setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.getByRole('button', { name: 'แนบไฟล์ / Attach' }).click();
    await expect(page.getByText('แนบแล้ว 1 ไฟล์')).toBeVisible();
    await expect(page.getByTestId('evidence-thumbnail')).toBeVisible();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /ดาวน์โหลด \/ Download/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).not.toBe('');
    expect(await download.failure()).toBeNull();
    await checkPage(page);

    // access: recuse the colleague (the conflict is required), then lifting it is not for the one who recused
    const colleague = page.locator('.access-list li', { hasText: colleagueName });
    await colleague.getByRole('button', { name: /ให้ถอนตัว/ }).click();
    const recuse = colleague.getByRole('button', { name: 'ถอนสิทธิ์ / Recuse' });
    await recuse.click();
    await expect(colleague.getByText('กรุณากรอกช่องนี้').first()).toBeVisible();
    await colleague.getByLabel('ส่วนได้เสีย').fill('เป็นญาติกับผู้ถูกกล่าวหา');
    await recuse.click();
    await expect(colleague).toContainText('ถอนตัว / Recused');
    await colleague.getByRole('button', { name: /ให้สิทธิ์อ่าน/ }).click();
    await colleague.getByRole('button', { name: 'ให้สิทธิ์ / Grant' }).click();
    await expect(colleague.getByRole('alert')).toContainText('การยกเลิกการถอนตัวต้องทำโดยเจ้าหน้าที่อื่น');
    await checkPage(page);

    // workflow: start screening, then dismiss (its reason is required at its field)
    await page.getByRole('button', { name: /เริ่มพิจารณาเบื้องต้น/ }).click();
    await page.getByRole('button', { name: /ยืนยัน: เริ่มพิจารณาเบื้องต้น/ }).click();
    await expect(page.getByTestId('integrity-status')).toHaveText('เจ้าหน้าที่กำลังพิจารณาเรื่องเบื้องต้น');
    await page.getByRole('button', { name: /^ยุติเรื่อง/ }).click();
    const dismiss = page.getByRole('button', { name: /ยืนยัน: ยุติเรื่อง/ });
    await dismiss.click();
    await expect(page.locator('#t-reason-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#t-reason')).toBeFocused();
    await checkPage(page);
    await page.locator('#t-reason').fill('ข้อมูลไม่เพียงพอที่จะดำเนินการต่อ');
    await dismiss.click();
    await expect(page.getByTestId('integrity-status')).toHaveText(/^ยุติเรื่อง/);
    await expect(page.getByRole('button', { name: /^ปิดเรื่อง/ })).toBeVisible();
    await checkPage(page);

    // nothing of the report is kept in the browser beyond the session's refresh token
    const kept = await page.evaluate(() => ({
      local: Object.keys(localStorage).filter((k) => !k.startsWith('rongrian.officer.device:')),
      session: Object.keys(sessionStorage),
      text: JSON.stringify({ ...localStorage, ...sessionStorage }),
    }));
    expect(kept.local).toEqual([]);
    expect(kept.session).toEqual(['rongrian.officer.refresh']);
    expect(kept.text).not.toContain(marker);

    // the reporter reads the answer with the receipt, in a browser of their own
    const reporterContext = await browser.newContext({ baseURL, viewport: page.viewportSize() });
    const reporter = await reporterContext.newPage();
    await reporter.goto(FOLLOW_UP);
    await reporter.getByLabel('รหัสรับเรื่อง').fill(receipt);
    await reporter.getByRole('button', { name: /เปิดดู/ }).click();
    await expect(reporter.locator('li', { hasText: answer })).toBeVisible();
    await reporterContext.close();
  });

  test('a custodian decides an identity request; the requester then reads the identity', async ({
    page,
    browser,
    baseURL,
    service,
  }) => {
    const officer = await createOfficer(service, ['integrity_officer']);
    const custodian = await createOfficer(service, ['custodian']);
    await service.login(officer);
    await service.login(custodian);
    const marker = `ทดสอบตัวตน ${randomBytes(4).toString('hex')}`;
    const name = `ผู้แจ้ง ${marker}`;
    await fileReport(service, `มีการฮั้วประมูลโครงการก่อสร้างถนน ${marker}`, {
      name,
      phone: '081 234 5678',
    });
    const report = await findReport(service, officer, marker);

    // the integrity officer asks, on the report's page (in a browser of their own); axe needs a page
    // of a context made with browser.newContext()
    const requesterContext = await browser.newContext({
      baseURL,
      viewport: page.viewportSize(),
      locale: 'th-TH',
      timezoneId: 'Asia/Bangkok',
    });
    const requester = await requesterContext.newPage();
    await signInWith(requester, officer);
    await requester.goto(`/officer/integrity-reports/${report.id}`);
    await expect(requester.getByText('ใช่ / yes')).toBeVisible();
    await requester.getByText('ขอให้ผู้ดูแลข้อมูลเปิดเผยตัวตน').click();
    const justification = requester.getByLabel(/เหตุผลความจำเป็น/);
    const ask = requester.getByRole('button', { name: 'ส่งคำขอ / Send request' });
    await justification.fill('ต้องการทราบ');
    await ask.click();
    await expect(requester.locator('#identity-justification-error')).toContainText('อย่างน้อย 30 ตัวอักษร');
    await expect(justification).toBeFocused();
    await justification.fill('ต้องสอบถามข้อเท็จจริงเพิ่มเติมจากผู้แจ้งโดยตรงเพื่อหาพยานหลักฐาน');
    await ask.click();
    await expect(requester.getByRole('status').filter({ hasText: 'ส่งคำขอ' })).toBeVisible();
    await expect(requester.getByText('รอพิจารณา / Pending')).toBeVisible();
    await expectAccessible(requester);
    await expectNoHorizontalScroll(requester);
    await signInWith(page, custodian);
    await page
      .getByRole('navigation', { name: /เมนูหลัก/ })
      .getByRole('link', { name: /คำขอเปิดเผยตัวตน/ })
      .click();
    await expect(page).toHaveURL(/\/officer\/integrity-reports\/identity-requests$/);
    const card = page.locator('section', { has: page.getByRole('heading', { name: report.number }) });
    await expect(card).toContainText('ต้องสอบถามข้อเท็จจริงเพิ่มเติม');
    // custodians never see the report itself
    await expect(page.getByText(marker)).toHaveCount(0);
    await checkPage(page);

    const record = card.getByRole('button', { name: /บันทึกการพิจารณา/ });
    await record.click();
    await expect(card.getByRole('alert')).toContainText('ข้อมูลไม่ครบ');
    await expect(card.getByText('กรุณากรอกช่องนี้').first()).toBeVisible();
    await checkPage(page);
    await card.getByLabel(/อนุมัติ \(ผู้ขออ่านได้/).check();
    await card.getByLabel('เหตุผล').fill('เหตุผลเพียงพอตามระเบียบ');
    // network loss, then another custodian deciding first (409): each said, the list reloaded
    const decision = '**/api/v1/integrity-reports/identity-requests/*/decision';
    // the custodian's key is locked in this session: unlocked with the password at the decision
    await page.route(decision, (route) =>
      route.fulfill({
        status: 403,
        json: {
          statusCode: 403,
          code: 'INTEGRITY_KEY_LOCKED',
          message: 'Your encryption key is not unlocked in this session.',
          messageTh: 'กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อกในการเข้าสู่ระบบนี้',
        },
      }),
    );
    await record.click();
    await expect(card.getByRole('alert').first()).toContainText('กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อก');
    await checkPage(page);
    await card.locator('#unlock-password').fill(custodian.password);
    await card.getByRole('button', { name: 'ปลดล็อก / Unlock' }).click();
    await expect(card.getByRole('heading', { name: /ปลดล็อกกุญแจเข้ารหัส/ })).toHaveCount(0);
    await page.unroute(decision);
    await page.route(decision, (route) => route.abort('internetdisconnected'));
    await record.click();
    await expect(card.getByRole('alert')).toContainText('ขาดการเชื่อมต่อ ลองใหม่');
    await page.unroute(decision);
    await page.route(decision, (route) =>
      route.fulfill({
        status: 409,
        json: {
          statusCode: 409,
          code: 'IDENTITY_REQUEST_DECIDED',
          message: 'This request has already been decided.',
          messageTh: 'คำขอนี้ได้รับการพิจารณาแล้ว',
        },
      }),
    );
    const reloaded = page.waitForRequest(
      (r) => r.method() === 'GET' && r.url().includes('/api/v1/integrity-reports/identity-requests?'),
    );
    await record.click();
    await expect(card.getByRole('alert')).toContainText('คำขอนี้ได้รับการพิจารณาแล้ว');
    await expect(card.getByRole('alert')).toContainText('โหลดรายการล่าสุดแล้ว');
    await reloaded;
    await checkPage(page);
    await page.unroute(decision);
    await record.click();
    await expect(page.getByRole('status').filter({ hasText: report.number })).toContainText('อนุมัติ');
    await page.getByLabel('แสดง').selectOption('approved');
    await expect(page).toHaveURL(/status=approved/);
    await expect(
      page.locator('section', { has: page.getByRole('heading', { name: report.number }) }),
    ).toContainText('เหตุผลเพียงพอตามระเบียบ');
    await checkPage(page);

    // the requester reads the identity under the approval (audited), on the report's page
    await requester.reload();
    await requester.getByRole('button', { name: /ดูตัวตน/ }).click();
    await expect(requester.getByTestId('disclosed-identity')).toContainText(name);
    await expectAccessible(requester);
    await expectNoHorizontalScroll(requester);
    await requesterContext.close();
  });

  test('after a password reset the key is locked: the report page unlocks it with the recovery key', async ({
    page,
    service,
  }) => {
    const { officer, marker, report } = await officerWithReport(page, service, 'มีการจัดซื้อจัดจ้างโดยมิชอบ');
    const recoveryKey = (await page
      .getByRole('status')
      .filter({ hasText: 'กุญแจกู้คืนของท่าน' })
      .locator('.code')
      .textContent())!.trim();

    // the administrator sends a reset link; the officer chooses a new password through it
    const links = async () =>
      (await service.mail()).filter(
        (m) => m.to.includes(officer.email) && /\/officer\/set-password#/.test(m.text),
      );
    const before = (await links()).length;
    await service.request(
      'POST',
      `/api/v1/users/${officer.id}/password-reset`,
      undefined,
      await service.login(firstAdmin()),
    );
    await expect.poll(async () => (await links()).length, { timeout: 30_000 }).toBeGreaterThan(before);
    const token = /\/officer\/set-password#([\w.~-]+)/.exec((await links()).pop()!.text)![1];
    const password = `new-${officer.password}`;
    await service.request('POST', '/api/v1/auth/account-links/complete', { token, password }, undefined, 204);

    // signed in with the new password alone, the key stays locked: said at sign-in and on the report
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    await signInWith(page, { email: officer.email, password });
    await expect(page.getByRole('status').filter({ hasText: 'กุญแจเข้ารหัสจึงยังล็อกอยู่' })).toBeVisible();
    await page.goto(`/officer/integrity-reports/${report.id}`);
    await expect(page.getByRole('alert').first()).toContainText('กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อก');
    await checkPage(page);
    const unlock = page.getByRole('button', { name: 'ปลดล็อก / Unlock' });
    await page.locator('#unlock-password').fill(password);
    await unlock.click();
    await expect(page.getByRole('alert').filter({ hasText: 'กรอกกุญแจกู้คืนด้วย' })).toBeVisible();
    await page.locator('#unlock-password').fill(password);
    await page.locator('#unlock-recovery').fill(recoveryKey);
    await unlock.click();
    await expect(page.getByTestId('integrity-description')).toContainText(marker);
    await checkPage(page);
  });

  test('an officer who also works on complaints sees both in my work, with both menus', async ({
    page,
    service,
  }) => {
    const officer = await createOfficer(service, ['intake', 'integrity_officer']);
    await signInWith(page, officer);
    const nav = page.getByRole('navigation', { name: /เมนูหลัก/ });
    await expect(nav.getByRole('link', { name: /เรื่องร้องเรียน/ })).toBeVisible();
    await expect(nav.getByRole('link', { name: /แจ้งเบาะแสทุจริต/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toHaveCount(1);
    await expect(page.getByRole('heading', { name: /เรื่องทุจริตที่ยังไม่ปิด/ })).toBeVisible();
    await checkPage(page);
  });

  test('an officer without the integrity roles is told these pages are not theirs', async ({ page }) => {
    await signInAs(page, 'intake');
    await expect(
      page.getByRole('navigation', { name: /เมนูหลัก/ }).getByRole('link', { name: /แจ้งเบาะแสทุจริต/ }),
    ).toHaveCount(0);
    for (const path of [
      '/officer/integrity-reports',
      '/officer/integrity-reports/7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11',
      '/officer/integrity-reports/identity-requests',
    ]) {
      await page.goto(path);
      await expect(page.getByRole('alert')).toContainText(/หน้านี้สำหรับ(เจ้าหน้าที่ผู้รับผิดชอบเรื่องทุจริต|ผู้ดูแลข้อมูลตัวตน)/);
      await expect(page.getByRole('link', { name: /กลับไปหน้างานของฉัน/ })).toBeVisible();
      await checkPage(page);
    }
  });

  test('every error class is shown on the report page; a locked key is unlocked, an expired token renewed', async ({
    page,
    service,
  }) => {
    const { officer, marker, report } = await officerWithReport(
      page,
      service,
      'มีการเบิกจ่ายเงินโดยไม่มีการทำงานจริง',
    );
    const url = `/officer/integrity-reports/${report.id}`;

    // the key is locked in this session: the page asks for the password, then shows the report
    let locked = true;
    await page.route(`**/api/v1/integrity-reports/${report.id}`, (route) =>
      locked && route.request().method() === 'GET'
        ? route.fulfill({
            status: 403,
            json: {
              statusCode: 403,
              code: 'INTEGRITY_KEY_LOCKED',
              message: 'Your encryption key is not unlocked in this session.',
              messageTh: 'กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อกในการเข้าสู่ระบบนี้',
            },
          })
        : route.fallback(),
    );
    await page.goto(url);
    await expect(page.getByRole('alert').first()).toContainText('กุญแจเข้ารหัสของท่านยังไม่ถูกปลดล็อก');
    await expect(page.getByRole('heading', { name: /ปลดล็อกกุญแจเข้ารหัส/ })).toBeVisible();
    await checkPage(page);
    const unlock = page.getByRole('button', { name: 'ปลดล็อก / Unlock' });
    await unlock.click();
    await expect(page.locator('#unlock-password-error')).toContainText('กรุณากรอกช่องนี้');
    await page.getByLabel('รหัสผ่าน', { exact: false }).first().fill('not-the-password');
    await unlock.click();
    await expect(page.getByRole('alert').filter({ hasText: 'รหัสผ่านไม่ถูกต้อง' })).toBeVisible();
    locked = false;
    await page.getByLabel('รหัสผ่าน', { exact: false }).first().fill(officer.password);
    await unlock.click();
    await expect(page.getByTestId('integrity-description')).toContainText(marker);
    await page.unroute(`**/api/v1/integrity-reports/${report.id}`);

    // sending the answer: network loss, 429 with its wait, a proxy's 502 page, a 500 with its request id
    const messages = `**/api/v1/integrity-reports/${report.id}/messages`;
    const send = page.getByRole('button', { name: 'ส่งถึงผู้แจ้ง / Send to the reporter' });
    await page.locator('#reply-body').fill('ข้อความทดสอบข้อผิดพลาด');
    for (const error of ERROR_CLASSES) {
      await page.unroute(messages);
      await page.route(messages, (route) =>
        'abort' in error.fulfil ? route.abort(error.fulfil.abort) : route.fulfill(error.fulfil),
      );
      await send.click();
      await expect(page.getByRole('alert').first(), error.name).toContainText(error.shows);
      await expect(send, error.name).toBeEnabled();
    }
    // the API's field error is shown at the field
    await page.unroute(messages);
    await page.route(messages, (route) =>
      route.fulfill({
        status: 400,
        json: {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Validation failed',
          details: [{ field: 'body', message: 'too long', messageTh: 'ยาวเกินกำหนด' }],
        },
      }),
    );
    await send.click();
    await expect(page.locator('#reply-body-error')).toContainText('ยาวเกินกำหนด');
    await expect(page.locator('#reply-body')).toBeFocused();
    await checkPage(page);
    await page.unroute(messages);

    // a workflow step someone else took meanwhile: 409 shows the current status and reloads the report
    await page.route(`**/api/v1/integrity-reports/${report.id}/transitions`, (route) =>
      route.fulfill({
        status: 409,
        json: {
          statusCode: 409,
          code: 'TRANSITION_NOT_ALLOWED',
          message: 'This step is not allowed in the current status.',
          messageTh: 'ขั้นตอนนี้ทำไม่ได้ในสถานะปัจจุบัน',
          details: { currentStatus: 'screening', allowedActions: ['dismiss', 'refer'] },
        },
      }),
    );
    let reloaded = 0;
    page.on('request', (r) => {
      if (r.method() === 'GET' && r.url().endsWith(`/api/v1/integrity-reports/${report.id}`)) reloaded += 1;
    });
    await page.getByRole('button', { name: /เริ่มพิจารณาเบื้องต้น/ }).click();
    await page.getByRole('button', { name: /ยืนยัน: เริ่มพิจารณาเบื้องต้น/ }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'ขั้นตอนนี้ทำไม่ได้ในสถานะปัจจุบัน' });
    await expect(conflict).toContainText('สถานะปัจจุบัน / Current status: screening');
    await expect(conflict).toContainText('โหลดข้อมูลล่าสุดของเรื่องแล้ว');
    await expect.poll(() => reloaded).toBeGreaterThan(0);
    await checkPage(page);
    await page.unroute(`**/api/v1/integrity-reports/${report.id}/transitions`);

    // the access token expired while the officer wrote (401): the session is renewed and the answer sent
    let expired = true;
    await page.route(messages, (route) => {
      if (!expired) return route.fallback();
      expired = false;
      return route.fulfill({
        status: 401,
        json: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Authentication required' },
      });
    });
    const renewed = page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/refresh'));
    await page.locator('#reply-body').fill('ตอบหลังโทเค็นหมดอายุ');
    await send.click();
    await renewed;
    await expect(page.getByTestId('integrity-messages')).toContainText('ตอบหลังโทเค็นหมดอายุ');
    // when the session itself has ended, the console asks to sign in again
    await page.route('**/api/v1/auth/refresh', (route) =>
      route.fulfill({
        status: 401,
        json: { statusCode: 401, code: 'INVALID_REFRESH_TOKEN', message: 'Invalid refresh token' },
      }),
    );
    expired = true;
    await page.locator('#reply-body').fill('ข้อความหลังหมดเวลา');
    await send.click();
    await expect(page.getByRole('heading', { name: /เข้าสู่ระบบ/ })).toBeVisible();
  });

  test('the whole workflow: fact-finding with its order and committee, a conclusion, closing', async ({
    page,
    service,
  }) => {
    const { report } = await officerWithReport(page, service, 'มีการแก้ไขเอกสารตรวจรับพัสดุ');
    await page.goto(`/officer/integrity-reports/${report.id}`);
    const status = page.getByTestId('integrity-status');
    const step = async (name: RegExp) => {
      await page.getByRole('button', { name }).click();
      return page.getByRole('button', { name: /^ยืนยัน:/ });
    };

    await (await step(/^เริ่มพิจารณาเบื้องต้น/)).click();
    await expect(status).toHaveText('เจ้าหน้าที่กำลังพิจารณาเรื่องเบื้องต้น');

    // the order's date in the Buddhist era; each missing particular at its field
    const open = await step(/^แต่งตั้งคณะกรรมการสืบสวนข้อเท็จจริง/);
    await open.click();
    await expect(page.locator('#t-order-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#t-committee-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#t-order')).toBeFocused();
    await checkPage(page);
    await page.locator('#t-order').fill('ที่ 123/2569');
    await page.locator('#t-order-date').fill('31/02/2569');
    await page.locator('#t-order-date').blur();
    await page.locator('#t-committee').fill('นายสมชาย ใจดี, ปลัด\nนางสาวสมหญิง รักงาน, นิติกร');
    await open.click();
    await expect(page.locator('#t-order-date-error')).toBeVisible();
    await page.locator('#t-order-date').fill('15/11/2569');
    await page.locator('#t-order-date').blur();
    await open.click();
    await expect(status).toHaveText('อยู่ระหว่างการสืบสวนข้อเท็จจริง');

    // substantiated needs the action taken
    const conclude = await step(/^สรุปผลการสืบสวน/);
    await page.locator('#t-outcome').selectOption('substantiated');
    await conclude.click();
    await expect(page.locator('#t-action-kind-error')).toContainText('กรุณากรอกช่องนี้');
    await page.locator('#t-action-kind').selectOption('disciplinary');
    await page.locator('#t-action-text').fill('ตั้งกรรมการสอบสวนวินัย');
    await conclude.click();
    await expect(status).toHaveText('สรุปผลการสืบสวนแล้ว');

    await page.getByRole('button', { name: /^ปิดเรื่อง/ }).click();
    await page.locator('#t-note').fill('ดำเนินการครบถ้วนแล้ว');
    await page.getByRole('button', { name: /^ยืนยัน: ปิดเรื่อง/ }).click();
    await expect(status).toHaveText('ปิดเรื่องแล้ว');
    await expect(page.getByText('ไม่มีขั้นตอนต่อไป')).toBeVisible();
    await expect(page.getByText('เรื่องปิดแล้ว ส่งข้อความไม่ได้')).toBeVisible();
    // what each step recorded, in words (BE date, labels, the committee one per line)
    const particulars = page.getByTestId('integrity-particulars');
    for (const recorded of [
      'ที่ 123/2569',
      '15 พฤศจิกายน 2569',
      'นายสมชาย ใจดี, ปลัด',
      'นางสาวสมหญิง รักงาน, นิติกร',
      'มีมูล / Substantiated',
      'ทางวินัย / Disciplinary: ตั้งกรรมการสอบสวนวินัย',
      'ดำเนินการครบถ้วนแล้ว',
    ])
      await expect(particulars).toContainText(recorded);
    await expect(page.getByRole('heading', { name: /ประวัติ/ })).toBeVisible();
    await checkPage(page);
  });
});
