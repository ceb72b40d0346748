/**
 * The map pin of /complain (issue 16 item 3): the service runs with MAP_TILE_URL pointing at global
 * setup's tile server. The citizen opens the map, pins by clicking and by the keyboard (arrows, then
 * "pin the centre"), files, and the officer sees the coordinates with a link. The map's code is a
 * chunk of its own, fetched only when the map is opened; the tiles load under the page's CSP.
 */
import { randomBytes } from 'node:crypto';
import { browserEnv } from './env';
import {
  createOfficer,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInWith,
  test,
} from './fixtures';

const PIN = /ละติจูด (\d+\.\d{6}), ลองจิจูด (\d+\.\d{6})/;

test('a citizen pins the place on the map and files; the officer sees the coordinates', async ({
  page,
  service,
}) => {
  const scripts: string[] = [];
  const tiles: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
    if (r.url().startsWith(browserEnv('tileOrigin'))) tiles.push(r.url());
  });
  await page.goto('/complain');
  await expect(page.getByLabel('เรื่องเกี่ยวกับ')).toBeEnabled();
  const show = page.getByRole('button', { name: /แสดงแผนที่/ });
  await expect(show).toBeVisible();
  await expect(page.getByTestId('pin')).toHaveText(/ยังไม่ได้ปักหมุด/);
  const scriptsBeforeMap = scripts.length;
  expect(tiles).toEqual([]); // no tile server hears of a citizen who does not open the map

  await show.click();
  const map = page.getByTestId('pin-map');
  await expect(map.locator('img.leaflet-tile-loaded').first()).toBeAttached();
  expect(scripts.length, 'the map is a chunk of its own, fetched on opening').toBeGreaterThan(
    scriptsBeforeMap,
  );
  expect(tiles.length).toBeGreaterThan(0);
  // the attribution is the operator's text, shown as text
  await expect(map.locator('.leaflet-control-attribution')).toContainText('แผนที่ทดสอบ <Test tiles>');

  // a click (or tap) pins
  const box = (await map.boundingBox())!;
  await map.click({ position: { x: box.width / 2 + 40, y: box.height / 2 + 30 } });
  await expect(page.getByTestId('pin')).toHaveText(PIN);
  const clicked = PIN.exec(await page.getByTestId('pin').innerText())!;
  expect(Number(clicked[1])).toBeGreaterThan(15.1);
  expect(Number(clicked[1])).toBeLessThan(15.3);
  expect(Number(clicked[2])).toBeGreaterThan(104.8);

  // the keyboard: the map pans with the arrows, and the button pins its centre
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const pinCentre = page.getByRole('button', { name: /ปักหมุดที่กลางแผนที่/ });
  // the pan glides: pin the centre (with the keyboard) until the pin shows the map moved east
  const pinnedLng = async () => {
    await pinCentre.focus();
    await page.keyboard.press('Enter');
    return Number(PIN.exec(await page.getByTestId('pin').innerText())?.[2]);
  };
  await expect.poll(pinnedLng, { message: 'the map moved east before pinning' }).toBeGreaterThan(104.8564);
  const pinned = PIN.exec(await page.getByTestId('pin').innerText())!;
  expect(pinned[0]).not.toBe(clicked[0]);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  const marker = `หมุด${randomBytes(4).toString('hex')}`;
  await page.getByLabel('เรื่องเกี่ยวกับ').selectOption({ index: 1 });
  await page.getByLabel('หัวเรื่อง').fill(`ท่อระบายน้ำอุดตัน ${marker}`);
  await page.getByLabel('รายละเอียด').fill('น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตก');
  await page.getByLabel('สถานที่').fill('ซอยข้างวัด');
  await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
  await expect(page.getByTestId('tracking-code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  const intake = await createOfficer(service, ['intake']);
  const token = await service.login(intake);
  const found = await service.request<{ items: { id: string }[] }>(
    'GET',
    `/api/v1/complaints?q=${encodeURIComponent(marker)}`,
    undefined,
    token,
  );
  expect(found.items).toHaveLength(1);
  await signInWith(page, intake);
  await page.goto(`/officer/complaints/${found.items[0].id}`);
  const coordinates = page.getByTestId('coordinates');
  await expect(coordinates).toContainText(`${pinned[1]}, ${pinned[2]}`);
  await expect(coordinates.getByRole('link')).toHaveAttribute(
    'href',
    `https://www.openstreetmap.org/?mlat=${Number(pinned[1])}&mlon=${Number(pinned[2])}#map=17/${Number(pinned[1])}/${Number(pinned[2])}`,
  );
  await expectAccessible(page);
});

test('the CSP allows the tile server in img-src, and nothing else from it', async ({ request }) => {
  const policy = (await request.get('/complain')).headers()['content-security-policy'];
  expect(policy).toContain(`img-src 'self' data: blob: ${browserEnv('tileOrigin')}`);
  expect(policy).toMatch(/script-src 'self'(;|$)/);
});
