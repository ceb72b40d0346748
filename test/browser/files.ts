/** What the browser tests of uploads share: a real image, a text file posing as one, a shown-image check. */
import { expect, type Locator } from '@playwright/test';

/** A valid 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A file input's file: a PNG by default, or text named `.png` (the service refuses it, 415). */
export const pngFile = (name: string, fake = false) => ({
  name,
  mimeType: 'image/png',
  buffer: fake ? Buffer.from('not a picture\n') : PNG,
});

/** The image has loaded and has pixels (a preview really shown, not a broken image). */
export async function expectImageShown(image: Locator): Promise<void> {
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
}
