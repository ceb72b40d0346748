/**
 * Files on a complaint (issue 17, web side): a citizen uploads a photo on /track, an officer sees its
 * thumbnail on the case page and publishes it, the citizen then sees it; a text file named .png is
 * refused (415) at the file field. Both widths (playwright.config.ts projects), axe on every page.
 */
import { randomBytes } from 'node:crypto';
import {
  createOfficer,
  expect,
  expectAccessible,
  expectNoHorizontalScroll,
  signInWith,
  test,
} from './fixtures';
import { expectImageShown, pngFile } from './files';

test('a citizen uploads a photo, an officer publishes it, the citizen sees it; a text file is refused', async ({
  page,
  service,
}) => {
  const marker = `แนบไฟล์${randomBytes(4).toString('hex')}`;
  const receipt = await service.request<{ trackingCode: string; referenceNo: string }>(
    'POST',
    '/api/v1/orgs/demo/complaints',
    { categoryCode: 'street_lighting', subject: `ไฟถนนดับ ${marker}`, description: `ไฟดับทั้งซอย ${marker}` },
    undefined,
    201,
  );
  const intakeCredentials = await createOfficer(service, ['intake']);
  const intake = await service.login(intakeCredentials);
  const found = await service.request<{ items: { id: string; referenceNo: string }[] }>(
    'GET',
    `/api/v1/complaints?q=${encodeURIComponent(marker)}`,
    undefined,
    intake,
  );
  const id = found.items.find((c) => c.referenceNo === receipt.referenceNo)!.id;

  // the citizen: a text file named .png is refused at the field, then a real PNG is sent
  await page.goto(`/track/${receipt.trackingCode}`);
  const field = page.getByLabel(/Attach photos or PDF/);
  await field.setInputFiles({
    name: 'note.png',
    mimeType: 'image/png',
    buffer: Buffer.from('just some text, not a picture\n'),
  });
  const refused = page.waitForResponse(
    (r) => r.url().endsWith('/attachments') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: /Send the files/ }).click();
  expect((await refused).status()).toBe(415);
  const fieldError = page.locator('#files-error');
  await expect(fieldError).toContainText('the type is read from the file itself');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toBeFocused();
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await field.setInputFiles(pngFile('lamp.png'));
  await page.getByRole('button', { name: /Send the files/ }).click();
  await expect(page.getByText(/1 file\(s\) sent/)).toBeVisible();
  await expect(fieldError).toHaveCount(0);
  await expect(page.getByTestId('public-files')).toHaveCount(0); // not public yet
  await expectAccessible(page);

  // the officer: the thumbnail (fetched with the token), then publish it
  await signInWith(page, intakeCredentials);
  await page.goto(`/officer/complaints/${id}`);
  const files = page.getByTestId('case-files');
  await expect(files.getByTestId('case-thumbnail')).toBeVisible();
  await expect(files).toContainText('lamp.png');
  await expect(files).toContainText('ภายใน / Internal');
  await expectImageShown(files.getByTestId('case-thumbnail'));
  // the download is fetched with the officer's token and saved under the file's name
  const download = page.waitForEvent('download');
  await files.getByRole('button', { name: /Download lamp\.png/ }).click();
  expect((await download).suggestedFilename()).toBe('lamp.png');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await files.getByRole('button', { name: /Publish/ }).click();
  await expect(page.getByText('Published on the tracking page')).toBeVisible();
  await expect(files).toContainText('เผยแพร่ / Public');
  await expect(files.getByRole('button', { name: /Unpublish/ })).toBeVisible();

  // the citizen again: the published photo with its preview
  await page.goto(`/track/${receipt.trackingCode}`);
  const shown = page.getByTestId('public-files').locator('img');
  await expect(shown).toHaveCount(1);
  await expectImageShown(shown);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});

test('the complaint form: photos chosen and previewed, sent after filing, each failure on the receipt with a retry', async ({
  page,
  service,
}) => {
  const marker = `ฟอร์มแนบ${randomBytes(4).toString('hex')}`;
  await page.goto('/complain');
  await page.getByLabel('เรื่องเกี่ยวกับ').selectOption({ index: 1 });
  await page.getByLabel('หัวเรื่อง').fill(`ทางเท้าชำรุด ${marker}`);
  await page.getByLabel('รายละเอียด').fill(`แผ่นทางเท้าแตก ${marker}`);
  const field = page.getByLabel(/Attach photos or PDF/);
  // the limits from the service's configuration
  await expect(page.locator('#files-hint')).toContainText('5 files of 10.0 MB each');

  // too large for the limit: refused at the field before anything is sent
  await field.setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(10 * 1048576 + 1),
  });
  await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
  await expect(page.locator('#files-error')).toContainText('larger than 10.0 MB');
  await expect(field).toBeFocused();
  await page.getByRole('button', { name: /Remove huge\.png/ }).click();
  await expect(page.locator('#files-chosen')).toHaveCount(0);

  // three files, previewed before sending; one removed again
  await field.setInputFiles([pngFile('lamp.png'), pngFile('kerb.png')]);
  await field.setInputFiles(pngFile('note.png', true));
  await field.setInputFiles(pngFile('extra.png'));
  const chosen = page.getByTestId('files-chosen');
  await expect(chosen.locator('li')).toHaveCount(4);
  await expectImageShown(chosen.getByTestId('chosen-preview').first());
  await page.getByRole('button', { name: /Remove extra\.png/ }).click();
  await expect(chosen.locator('li')).toHaveCount(3);
  await expect(chosen).not.toContainText('extra.png');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // the first upload finds no network, the second is throttled, the third is refused by its type
  let calls = 0;
  await page.route('**/api/v1/track/*/attachments', (route) => {
    calls++;
    if (calls === 1) return route.abort('internetdisconnected');
    if (calls === 2)
      return route.fulfill({
        status: 429,
        headers: { 'retry-after': '30' },
        json: { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' },
      });
    return route.fallback();
  });
  await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
  await expect(page.getByRole('heading', { name: /ได้รับเรื่องแล้ว/ })).toBeFocused();
  const code = (await page.getByTestId('tracking-code').textContent())!;
  const section = page.getByTestId('more-files-section');
  await expect(page.getByTestId('more-files-status')).toContainText('3 file(s) not sent');
  const pending = page.getByTestId('more-files-chosen');
  await expect(pending.locator('li', { hasText: 'lamp.png' })).toContainText('ขาดการเชื่อมต่อ');
  await expect(pending.locator('li', { hasText: 'kerb.png' })).toContainText('30 วินาที');
  await expect(pending.locator('li', { hasText: 'note.png' })).toContainText(
    'the type is read from the file itself',
  );
  await expect(section).toContainText('what you filed is safe');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // the refused file removed, the others sent again with the same code
  await page.getByRole('button', { name: /Remove note\.png/ }).click();
  await page.getByRole('button', { name: /Send the files again/ }).click();
  await expect(page.getByTestId('more-files-status')).toContainText('2 file(s) received');
  const arrived = page.getByTestId('more-files-arrived');
  await expect(arrived).toContainText('lamp.png');
  await expect(arrived).toContainText('kerb.png');
  await expect(page.getByTestId('more-files-chosen')).toHaveCount(0);
  await expect(page.getByTestId('tracking-code')).toHaveText(code);
  await expectAccessible(page);

  // the complaint holds the two photos, under the code of the receipt
  const intake = await service.login(await createOfficer(service, ['intake']));
  const found = await service.request<{ items: { id: string; trackingCode?: string }[] }>(
    'GET',
    `/api/v1/complaints?q=${encodeURIComponent(marker)}`,
    undefined,
    intake,
  );
  expect(found.items).toHaveLength(1);
  const files = await service.request<{ fileName: string; source: string }[]>(
    'GET',
    `/api/v1/complaints/${found.items[0].id}/attachments`,
    undefined,
    intake,
  );
  expect(files.map((f) => [f.fileName, f.source])).toEqual([
    ['lamp.png', 'citizen'],
    ['kerb.png', 'citizen'],
  ]);
});
