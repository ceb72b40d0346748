/**
 * The receipt's share button (issue 16 item 3). Headless Chromium has no Web Share, so the page gets a
 * `navigator.share` that records what it is given: the button appears, shares the tracking URL and
 * says so in the live region; a share the citizen cancels is announced too.
 */
import { expect, expectAccessible, test } from './fixtures';

const CODE = 'AB12-CD34-EF56';
type Shared = { title?: string; text?: string; url?: string };

test('the share button shares the tracking URL and announces it', async ({ page, baseURL }) => {
  await page.addInitScript(() => {
    const shared: Shared[] = [];
    (window as unknown as { shared: Shared[] }).shared = shared;
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: Shared) => {
        shared.push(data);
        if (shared.length > 1) throw new DOMException('cancelled', 'AbortError');
      },
    });
  });
  // the success page as a reload shows it: the receipt is in the address's fragment
  await page.goto(`/complain#code=${CODE}&ref=2569%2F000001&due=`);
  await expect(page.getByTestId('tracking-code')).toHaveText(CODE);
  await expect(page.getByTestId('announce')).toContainText('รหัสติดตามของท่านคือ');
  const share = page.getByRole('button', { name: /แชร์/ });
  await expect(share).toBeVisible();
  await share.click();
  await expect(page.getByTestId('announce')).toHaveText('แชร์แล้ว / Shared');
  const shared = await page.evaluate(() => (window as unknown as { shared: Shared[] }).shared);
  expect(shared).toEqual([{ title: 'รหัสติดตามเรื่องร้องเรียน', text: CODE, url: `${baseURL}/track/${CODE}` }]);
  await expectAccessible(page);

  await share.click();
  await expect(page.getByTestId('announce')).toHaveText('ยังไม่ได้แชร์ / Not shared');
});

test('without Web Share there is no share button', async ({ page }) => {
  await page.goto(`/complain#code=${CODE}&ref=2569%2F000001&due=`);
  await expect(page.getByTestId('tracking-code')).toHaveText(CODE);
  await expect(page.getByRole('button', { name: /คัดลอกรหัส/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /แชร์/ })).toHaveCount(0);
});
