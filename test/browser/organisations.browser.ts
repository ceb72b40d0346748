/**
 * Organisations as data in the console (issue 18): the deployment operator (OPERATOR_EMAILS: the run's
 * first administrator, see global-setup.ts) finds, creates and edits organisations and invites each new
 * one's first administrator, who chooses a password from the e-mailed link; a person with accounts in two
 * organisations chooses one at sign-in and switches to the other. Both widths, axe and the 390 px check.
 */
import { randomInt } from 'node:crypto';
import type { Page } from '@playwright/test';
import {
  createOfficer,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  firstAdmin,
  signInWith,
  test,
} from './fixtures';
import type { ServiceClient } from './officers';

// several accounts made through the API and their links read from the mail, on a loaded machine
test.describe.configure({ timeout: 150_000 });

/** A DLA code no other journey of the run takes (4 to 12 digits). */
const dlaCode = () => `9${randomInt(1_000_000_000, 9_999_999_999)}`;
const LINK = /\/officer\/set-password#([\w.~-]+)/;

async function checkPage(page: Page): Promise<void> {
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
}

/** Account links mailed to `address` so far. */
const linksTo = async (service: ServiceClient, address: string) =>
  (await service.mail()).filter(
    (m) => m.to.some((t) => t.toLowerCase() === address.toLowerCase()) && LINK.test(m.text),
  );

/** The token of the first account link mailed to `address` after the `known` ones, waiting up to 30 s. */
async function newLinkToken(service: ServiceClient, address: string, known: number): Promise<string> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const links = await linksTo(service, address);
    if (links.length > known) return LINK.exec(links[known].text)![1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no new account link to ${address} within 30 s`);
}

/** Chooses a password on the link's page, as the invited person does. */
async function choosePassword(page: Page, token: string, password: string): Promise<void> {
  await page.goto(`/officer/set-password#${token}`);
  await page.getByLabel(/รหัสผ่านใหม่/).fill(password);
  await page.getByLabel(/พิมพ์อีกครั้ง/).fill(password);
  await page.getByRole('button', { name: /บันทึก/ }).click();
  await expect(page.getByText('ตั้งรหัสผ่านแล้ว')).toBeVisible();
}

test.describe('organisations as data', () => {
  test('an operator creates an organisation, whose invited administrator then chooses a password', async ({
    page,
    service,
  }) => {
    const code = dlaCode();
    const name = `อบต.ทดลอง ${code}`;
    const adminEmail = `palad-${code}@browser.test`;
    await signInWith(page, firstAdmin());
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /หน่วยงานทั้งหมด/ })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: /หน่วยงานทั้งหมด/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /พบ \d+ หน่วยงาน/ })).toBeVisible();
    await checkPage(page);

    await page.getByRole('link', { name: /สร้างหน่วยงานใหม่/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /สร้างหน่วยงานใหม่/ })).toBeVisible();
    await checkPage(page);
    const create = page.getByRole('button', { name: /สร้างหน่วยงานและส่งคำเชิญ/ });
    // nothing typed: each required field says so, the focus on the first
    await create.click();
    await expect(page.getByRole('alert')).toContainText('ข้อมูลไม่ครบ');
    await expect(page.getByLabel(/^ชื่อ \(ไทย\)/)).toBeFocused();
    await expect(page.locator('#org-province-error')).toContainText('กรุณากรอกช่องนี้');
    await expect(page.locator('#org-administrator-email-error')).toContainText('กรุณากรอกช่องนี้');
    await checkPage(page);

    const fill = async (slug: string) => {
      await page.getByLabel(/^ชื่อ \(ไทย\)/).fill(name);
      await page.getByLabel(/^ประเภท/).selectOption('sao');
      await page.getByLabel(/^รหัส อปท\./).fill(code);
      await page.getByLabel(/^ชื่อในที่อยู่เว็บ/).fill(slug);
      await page.getByLabel(/^จังหวัด/).fill('ตาก');
      await page.getByLabel(/^อำเภอ/).fill('วังเจ้า');
      await page.getByLabel(/^อีเมลติดต่อ/).fill(`saraban-${code}@browser.test`);
      await page.getByLabel(/^อีเมลผู้ดูแลระบบคนแรก/).fill(adminEmail);
      await page.getByLabel(/^ชื่อผู้ดูแลระบบคนแรก/).fill('ปลัด อบต.ทดลอง');
    };
    // the API's refusal of a bad slug is shown at its field
    await fill('Not A Slug');
    await create.click();
    await expect(page.locator('#org-slug-error')).toBeVisible();
    await expect(page.getByLabel(/^ชื่อในที่อยู่เว็บ/)).toBeFocused();
    await page.getByLabel(/^ชื่อในที่อยู่เว็บ/).fill(`t-${code}`);
    await create.click();
    await expect(page.getByRole('status')).toContainText(`สร้าง ${name} แล้ว`);
    await expect(page.getByRole('status')).toContainText(adminEmail);
    await checkPage(page);
    // the same DLA code again: the conflict is shown
    await fill(`t2-${code}`);
    await create.click();
    await expect(page.getByRole('alert')).toContainText('รหัส อปท. นี้เป็นของหน่วยงานอื่นแล้ว');

    // found by its DLA code; edited
    await page.getByRole('link', { name: /← หน่วยงานทั้งหมด/ }).click();
    await page.getByLabel(/^คำค้น/).fill(code);
    await page.getByRole('button', { name: /ค้นหา/ }).click();
    await expect(page).toHaveURL(new RegExp(`q=${code}`));
    const item = page.getByRole('listitem', { name });
    await expect(item).toContainText('วังเจ้า, ตาก');
    await expect(page.getByRole('heading', { name: /พบ 1 หน่วยงาน/ })).toBeVisible();
    await checkPage(page);
    await item.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
    await page.getByLabel(/^อำเภอ/).fill('เมืองตาก');
    await page.getByRole('button', { name: /^บันทึก/ }).click();
    await expect(page.getByRole('status').first()).toContainText(`บันทึก ${name} แล้ว`);
    await expect(page.getByLabel(/^อำเภอ/)).toHaveValue('เมืองตาก');
    // a required field emptied: said at the field
    await page.getByLabel(/^จังหวัด/).fill('');
    await page.getByRole('button', { name: /^บันทึก/ }).click();
    await expect(page.locator('#org-province-error')).toContainText('กรุณากรอกช่องนี้');
    // it has its first administrator already: a second invitation is refused, and the refusal shown
    const invite = page.getByRole('form', { name: /เชิญผู้ดูแลระบบคนแรก/ });
    await invite.getByLabel(/^อีเมลผู้ดูแลระบบคนแรก/).fill(`second-${code}@browser.test`);
    await invite.getByLabel(/^ชื่อผู้ดูแลระบบคนแรก/).fill('คนที่สอง');
    await invite.getByRole('button', { name: /ส่งคำเชิญ/ }).click();
    await expect(invite.getByRole('alert')).toContainText('หน่วยงานนี้มีผู้ดูแลระบบแล้ว');
    await checkPage(page);

    // the invited administrator chooses a password and works in the new organisation (not an operator)
    const token = await newLinkToken(service, adminEmail, 0);
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();
    const password = `pw-${code}-first-admin`;
    await choosePassword(page, token, password);
    await signInWith(page, { email: adminEmail, password });
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
    const nav = page.getByRole('navigation', { name: /เมนูหลัก/ });
    await expect(nav.getByRole('link', { name: /ผู้ดูแลระบบ/ })).toBeVisible();
    await expect(nav.getByRole('link', { name: /หน่วยงานทั้งหมด/ })).toHaveCount(0);
    const own = await service.request<{ nameTh: string }>(
      'GET',
      '/api/v1/organization',
      undefined,
      await service.login({ email: adminEmail, password }),
    );
    expect(own.nameTh).toBe(name);
    // the operator's pages are not there for them
    await page.goto('/officer/operator/organizations');
    await expect(page.getByRole('heading', { name: /ไม่พบหน้านี้/ })).toBeVisible();
  });

  test('a person with accounts in two organisations chooses one at sign-in, then switches to the other', async ({
    page,
    service,
  }) => {
    // a second organisation and its administrator, through the operator's API
    const operator = await service.login(firstAdmin());
    const code = dlaCode();
    const otherName = `เทศบาลตำบลสองบัญชี ${code}`;
    const adminEmail = `palad-${code}@browser.test`;
    await service.request(
      'POST',
      '/api/v1/organizations',
      {
        slug: `two-${code}`,
        nameTh: otherName,
        type: 'subdistrict_municipality',
        dlaCode: code,
        province: 'ตาก',
        administrator: { email: adminEmail, displayName: 'ปลัดเทศบาล' },
      },
      operator,
      201,
    );
    const adminPassword = `pw-${code}-admin-two`;
    await service.request(
      'POST',
      '/api/v1/auth/account-links/complete',
      { token: await newLinkToken(service, adminEmail, 0), password: adminPassword },
      undefined,
      204,
    );
    const demo = await service.request<{ nameTh: string }>(
      'GET',
      '/api/v1/organization',
      undefined,
      operator,
    );
    // the person: an officer here, then an intake officer there with the same password
    const person = await createOfficer(service, ['officer']);
    const known = (await linksTo(service, person.email)).length;
    await service.request(
      'POST',
      '/api/v1/users',
      { email: person.email, displayName: 'สองหน่วยงาน', roles: ['intake'], unitId: null },
      await service.login({ email: adminEmail, password: adminPassword }),
      201,
    );
    await service.request(
      'POST',
      '/api/v1/auth/account-links/complete',
      { token: await newLinkToken(service, person.email, known), password: person.password },
      undefined,
      204,
    );

    await page.goto('/officer');
    await page.getByLabel('อีเมล').fill(person.email);
    await page.getByLabel('รหัสผ่าน').fill(person.password);
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    const choice = page.getByRole('group', { name: /เลือกหน่วยงาน/ });
    await expect(choice).toBeVisible();
    await expect(choice.getByRole('radio')).toHaveCount(2);
    await checkPage(page);
    // signing in without a choice: said at the choice, the focus on it
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    await expect(page.locator('#organization-choice-error')).toContainText('กรุณาเลือกหน่วยงาน');
    await expect(choice).toBeFocused();
    await checkPage(page);
    await choice.getByLabel(otherName).check();
    await page.getByRole('button', { name: /เข้าสู่ระบบ/ }).click();
    const nav = page.getByRole('navigation', { name: /เมนูหลัก/ });
    await expect(nav).toBeVisible();
    // there they take complaints in (intake)
    await expect(nav.getByRole('link', { name: /รับเรื่อง/ })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText(otherName);

    await nav.getByRole('link', { name: /เปลี่ยนหน่วยงาน/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /หน่วยงานของฉัน/ })).toBeVisible();
    await expect(page.getByRole('listitem', { name: otherName })).toContainText('หน่วยงานปัจจุบัน');
    const here = page.getByRole('listitem', { name: demo.nameTh });
    await expect(here).not.toContainText('หน่วยงานปัจจุบัน');
    await checkPage(page);
    // a wrong password: refused, and said so
    await here.getByLabel(/รหัสผ่านของบัญชี/).fill('not-the-password');
    await here.getByRole('button', { name: /ย้ายไปทำงานที่/ }).click();
    await expect(here.getByRole('alert')).toBeVisible();
    await checkPage(page);
    await here.getByLabel(/รหัสผ่านของบัญชี/).fill(person.password);
    await here.getByRole('button', { name: /ย้ายไปทำงานที่/ }).click();
    await expect(page).toHaveURL(/\/officer$/);
    await expect(page.getByRole('heading', { name: /งานของฉัน/ })).toBeVisible();
    // here they are an officer, not intake
    await expect(nav.getByRole('link', { name: /รับเรื่อง/ })).toHaveCount(0);
    await expect(page.getByRole('banner')).toContainText(demo.nameTh);
    await nav.getByRole('link', { name: /เปลี่ยนหน่วยงาน/ }).click();
    await expect(page.getByRole('listitem', { name: demo.nameTh })).toContainText('หน่วยงานปัจจุบัน');
    // a reload resumes the new session, in the organisation switched to
    await page.reload();
    await expect(page.getByRole('listitem', { name: demo.nameTh })).toContainText('หน่วยงานปัจจุบัน');
  });

  test('every error class is shown on the operator pages and the password page', async ({ page }) => {
    await signInWith(page, firstAdmin());
    // a failed load: the 5xx with its request id
    const orgs = '**/api/v1/organizations';
    await page.route(orgs, (route) =>
      route.fulfill({
        status: 500,
        json: { statusCode: 500, code: 'INTERNAL', message: 'Internal error', requestId: 'req-orgs-1' },
      }),
    );
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /หน่วยงานทั้งหมด/ })
      .click();
    await expect(page.getByRole('alert')).toContainText('req-orgs-1');
    await checkPage(page);
    await page.unroute(orgs);

    await page.getByRole('link', { name: /สร้างหน่วยงานใหม่/ }).click();
    const code = dlaCode();
    await page.getByLabel(/^ชื่อ \(ไทย\)/).fill(`อบต.ข้อผิดพลาด ${code}`);
    await page.getByLabel(/^ประเภท/).selectOption('sao');
    await page.getByLabel(/^รหัส อปท\./).fill(code);
    await page.getByLabel(/^ชื่อในที่อยู่เว็บ/).fill(`e-${code}`);
    await page.getByLabel(/^จังหวัด/).fill('ตาก');
    await page.getByLabel(/^อีเมลผู้ดูแลระบบคนแรก/).fill(`e-${code}@browser.test`);
    await page.getByLabel(/^ชื่อผู้ดูแลระบบคนแรก/).fill('ผู้ดูแล');
    const create = () => page.getByRole('button', { name: /สร้างหน่วยงานและส่งคำเชิญ/ }).click();
    const alert = page.getByRole('alert');
    await page.route(orgs, (route) => route.abort('internetdisconnected'));
    await create();
    await expect(alert).toContainText('ขาดการเชื่อมต่อ');
    await page.unroute(orgs);
    await page.route(orgs, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '90' },
        json: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' },
      }),
    );
    await create();
    await expect(alert).toContainText('โปรดรอ 2 นาที');
    await page.unroute(orgs);
    await page.route(orgs, (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    await create();
    await expect(alert).toContainText('HTTP 502');
    await checkPage(page);
    await page.unroute(orgs);
    await page.getByRole('button', { name: /ออกจากระบบ/ }).click();

    // the password page: an expired link, then a link that works but the save meets a lost connection,
    // a proxy's 502 and a 429
    const inspect = '**/api/v1/auth/account-links/inspect';
    const complete = '**/api/v1/auth/account-links/complete';
    await page.route(inspect, (route) =>
      route.fulfill({
        status: 410,
        json: {
          statusCode: 410,
          code: 'ACCOUNT_LINK_EXPIRED',
          message: 'This link has expired. Ask your administrator for a new one.',
          messageTh: 'ลิงก์นี้หมดอายุแล้ว กรุณาขอลิงก์ใหม่จากผู้ดูแลระบบ',
        },
      }),
    );
    await page.goto(`/officer/set-password#${'B'.repeat(43)}`);
    await expect(alert).toContainText('ลิงก์นี้หมดอายุแล้ว');
    await checkPage(page);
    await page.unroute(inspect);
    await page.route(inspect, (route) =>
      route.fulfill({
        json: {
          purpose: 'invitation',
          email: 'someone@browser.test',
          displayName: 'ผู้ได้รับเชิญ',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
    );
    await page.goto('/officer');
    await page.goto(`/officer/set-password#${'C'.repeat(43)}`);
    await expect(page.getByRole('main')).toContainText('someone@browser.test');
    const save = async () => {
      await page.getByLabel(/รหัสผ่านใหม่/).fill('a-long-enough-password');
      await page.getByLabel(/พิมพ์อีกครั้ง/).fill('a-long-enough-password');
      await page.getByRole('button', { name: /บันทึก/ }).click();
    };
    await page.route(complete, (route) => route.abort('internetdisconnected'));
    await save();
    await expect(alert).toContainText('ขาดการเชื่อมต่อ');
    await page.unroute(complete);
    await page.route(complete, (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    await save();
    await expect(alert).toContainText('HTTP 502');
    await page.unroute(complete);
    await page.route(complete, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'retry-after': '30' },
        json: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' },
      }),
    );
    await save();
    await expect(alert).toContainText('โปรดรอ 30 วินาที');
    await checkPage(page);
  });
});
