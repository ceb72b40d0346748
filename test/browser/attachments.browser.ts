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

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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

  await field.setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: PNG });
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
  const loaded = await files
    .getByTestId('case-thumbnail')
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
  expect(loaded).toBe(true);
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
  await expect
    .poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
});
