/** What the citizen-page browser tests share: same-origin request recording, a complaint awaiting information. */
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createOfficer, firstAdmin } from './fixtures';
import type { ServiceClient } from './officers';

/**
 * The page at `path` as it is when the server could not load its initial data: the HTML without
 * `<script id="initial-data">`, so the page fetches the data itself (and shows any failure).
 */
export async function withoutInitialData(page: Page, path: string): Promise<void> {
  await page.route(`**${path}`, async (route) => {
    const original = await route.fetch();
    const body = (await original.text()).replace(
      /<script type="application\/json" id="initial-data">.*?<\/script>/s,
      '',
    );
    await route.fulfill({ response: original, body });
  });
}

/** Every URL the page requests from now on (documents, scripts, API calls, images). */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Each recorded request went to the service's own origin (data: URLs aside): no third party. */
export function expectSameOrigin(urls: string[], baseUrl: string): void {
  const origin = new URL(baseUrl).origin;
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin)).toEqual([]);
}

/** Nothing kept in the browser: no local/session storage, cookie or IndexedDB database. */
export async function expectNoStorage(page: Page): Promise<void> {
  const kept = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    indexedDB: (await indexedDB.databases()).length,
  }));
  expect(kept).toEqual({ local: 0, session: 0, cookie: '', indexedDB: 0 });
}

/**
 * A complaint filed through the API, accepted, assigned, started and (with `then: 'ask'`) asked for
 * information, or (with `then: 'resolve'`) resolved: the complainant's tracking code.
 */
export async function complaintThat(service: ServiceClient, then: 'ask' | 'resolve'): Promise<string> {
  const admin = await service.login(firstAdmin());
  const units = await service.request<{ id: string; code: string }[]>(
    'GET',
    '/api/v1/units',
    undefined,
    admin,
  );
  const unit = units.find((u) => u.code === 'engineering') ?? units[0];
  const intake = await service.login(await createOfficer(service, ['intake']));
  const worker = await createOfficer(service, ['officer'], unit.id);
  const officer = await service.login(worker);
  const marker = `ทดสอบ${randomBytes(4).toString('hex')}`;
  const receipt = await service.request<{ trackingCode: string; referenceNo: string }>(
    'POST',
    '/api/v1/orgs/demo/complaints',
    { categoryCode: 'street_lighting', subject: `ไฟถนนดับ ${marker}`, description: `ไฟดับทั้งซอย ${marker}` },
    undefined,
    201,
  );
  const found = await service.request<{ items: { id: string; referenceNo: string }[] }>(
    'GET',
    `/api/v1/complaints?q=${encodeURIComponent(marker)}`,
    undefined,
    intake,
  );
  const id = found.items.find((c) => c.referenceNo === receipt.referenceNo)!.id;
  const act = (token: string, action: string, body: object = {}) =>
    service.request('POST', `/api/v1/complaints/${id}/${action}`, body, token);
  await act(intake, 'accept');
  await act(intake, 'assign', { unitId: unit.id, assigneeId: worker.id });
  await act(officer, 'start');
  if (then === 'ask') await act(officer, 'request-info', { message: 'กรุณาแจ้งหมายเลขเสาไฟฟ้า' });
  else await act(officer, 'resolve', { message: 'เปลี่ยนหลอดไฟเรียบร้อยแล้ว' });
  return receipt.trackingCode;
}

/** The error classes every citizen form shows, each with what to do next. */
export const ERROR_CLASSES = [
  {
    name: 'network loss',
    fulfil: { abort: 'internetdisconnected' as const },
    shows: 'ขาดการเชื่อมต่อ ลองใหม่',
  },
  {
    name: '429 with the wait',
    fulfil: {
      status: 429,
      headers: { 'retry-after': '90' },
      json: {
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: 'Too many requests',
        details: { retryAfterSeconds: 90 },
      },
    },
    shows: 'โปรดรอ 2 นาที',
  },
  {
    name: 'a proxy HTML 502',
    fulfil: { status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' },
    shows: 'HTTP 502',
  },
  {
    name: 'a 500 from the API',
    fulfil: {
      status: 500,
      json: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error', requestId: 'req-123' },
    },
    shows: 'ระบบขัดข้อง',
  },
];
