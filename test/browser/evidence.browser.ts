/**
 * Evidence files on the integrity channel (issue 17, web side): chosen and previewed on /report, sent
 * through a session opened with the new receipt once the report is filed; listed (previews fetched
 * with the session, a download) on the follow-up page and added to with a later message. Nothing
 * about them is kept in the browser; the pages stay no-store.
 */
import { createOfficer, expect, expectAccessible, expectNoHorizontalScroll, test } from './fixtures';
import { expectImageShown, pngFile } from './files';
import { ServiceClient } from './officers';
import { expectNoStorage } from './public-helpers';

const FOLLOW_UP = '/orgs/demo/integrity/follow-up';
// a report needs an integrity officer to receive it: one is appointed and signs in once (their keys)
test.beforeAll(async () => {
  const service = new ServiceClient();
  await service.login(await createOfficer(service, ['integrity_officer']));
});

test('a reporter sends evidence with the report, sees it on the follow-up page and adds more', async ({
  page,
}) => {
  const response = await page.goto('/report');
  expect(response!.headers()['cache-control']).toBe('no-store');
  await page.getByLabel('ลักษณะการกระทำ').selectOption({ index: 1 });
  await page.getByLabel('รายละเอียด').fill('มีการแก้ไขใบเสนอราคาหลังเปิดซอง');
  const field = page.getByLabel(/Evidence files/);
  await field.setInputFiles([pngFile('quote.png'), pngFile('fake.png', true)]);
  const chosen = page.getByTestId('evidenceFiles-chosen');
  await expect(chosen.locator('li')).toHaveCount(2);
  await expectImageShown(chosen.getByTestId('chosen-preview').first());
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  await page.getByRole('button', { name: /ส่งเรื่อง/ }).click();
  await expect(page.getByRole('heading', { name: /ได้รับเรื่องแล้ว/ })).toBeFocused();
  const receipt = (await page.getByTestId('receipt').textContent())!;
  // the photo arrived; the text file named .png is refused, said beside it, with a retry
  const status = page.getByTestId('evidence-upload-status');
  await expect(status).toContainText('1 file(s) not sent');
  await expect(page.getByTestId('evidence-upload-arrived')).toContainText('quote.png');
  await expect(
    page.getByTestId('evidence-upload-chosen').locator('li', { hasText: 'fake.png' }),
  ).toContainText('the type is read from the file itself');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  // leaving now would forget the unsent file (and this page is the receipt's only showing): the browser asks
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  await expect(page.getByTestId('receipt')).toHaveText(receipt);
  await page.getByRole('button', { name: /Remove fake\.png/ }).click();
  await page.getByLabel(/Attach photos or PDF/).setInputFiles(pngFile('memo.png'));
  await page.getByRole('button', { name: /Send the files again/ }).click();
  await expect(status).toContainText('1 file(s) received');
  await expect(page.getByTestId('evidence-upload-arrived').locator('li')).toHaveCount(2);
  await expectNoStorage(page);

  // the follow-up page: both files, previews fetched with the session, a download
  await page.goto(FOLLOW_UP);
  await page.getByLabel('รหัสรับเรื่อง').fill(receipt);
  await page.getByRole('button', { name: /เปิดดู/ }).click();
  await expect(page.getByRole('heading', { name: /สถานะ/ })).toBeFocused();
  const files = page.getByTestId('evidence-files');
  await expect(files.locator('li')).toHaveCount(2);
  await expect(files.locator('img')).toHaveCount(2);
  await expectImageShown(files.locator('img').first());
  const download = page.waitForEvent('download');
  await files
    .getByRole('button', { name: /Download/ })
    .first()
    .click();
  expect((await download).suggestedFilename()).toBe('attachment-1.png');
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // a later message with one more file
  await page.getByLabel('ข้อความถึงเจ้าหน้าที่').fill('แนบภาพถ่ายเอกสารเพิ่ม');
  await page.getByLabel(/Evidence files/).setInputFiles(pngFile('more.png'));
  await page.getByRole('button', { name: 'ส่ง / Send', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sent with 1 file(s)' })).toBeVisible();
  await expect(files.locator('li')).toHaveCount(3);
  await expect(page.locator('li', { hasText: 'แนบภาพถ่ายเอกสารเพิ่ม' })).toBeVisible();
  // a refused file alone: said at the file field
  await page.getByLabel(/Evidence files/).setInputFiles(pngFile('x.png', true));
  await page.getByRole('button', { name: 'ส่ง / Send', exact: true }).click();
  await expect(page.locator('#evidenceFiles-error')).toContainText('the type is read from the file itself');
  await expect(files.locator('li')).toHaveCount(3);
  await expectAccessible(page);
  await expectNoStorage(page);
});
