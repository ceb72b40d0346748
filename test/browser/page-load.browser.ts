/**
 * One round of requests (issue 16 item 6): a citizen page is its HTML, then everything else at once.
 * Every script and style sheet the page loads is named in the HTML itself (the entry, a
 * `modulepreload` for each chunk it imports, the CSS in the head), so none waits for a script to be
 * fetched and read first; and the data the page needs to show itself is in the HTML
 * (`<script type="application/json" id="initial-data">`), so no API request follows the scripts.
 */
import { expect, test } from './fixtures';

/** The page, and the API requests it may still make on load. */
const PAGES: { path: string; api: RegExp[] }[] = [
  { path: '/', api: [] },
  { path: '/complain', api: [] },
  { path: '/track', api: [] },
  { path: '/handbook', api: [] },
  { path: '/report', api: [] },
  { path: '/orgs/demo/integrity/follow-up', api: [] },
  { path: '/statistics', api: [] },
  { path: '/statistics/all', api: [] },
  { path: '/orgs/demo/widget', api: [] },
  // the year in the address is the one inlined
  { path: '/statistics?year=2566', api: [] },
  // the one exception: a tracking page fetches its complaint by the code in its address, through the
  // rate-limited tracking route (the server does not look codes up for a page)
  { path: '/track/ABCD-EFGH-JKMN', api: [/\/api\/v1\/track\/ABCD-EFGH-JKMN(\/|$)/] },
];

/** The same-origin paths the HTML names in `src` and `href` attributes. */
const named = (html: string) =>
  new Set([...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')));

for (const { path, api } of PAGES)
  test(`${path}: every script and style sheet is named in the HTML; ${api.length ? 'only its own figures are fetched' : 'no API request on load'}`, async ({
    page,
    baseURL,
  }) => {
    const requests: { url: string; type: string }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
    const response = await page.goto(path);
    const html = await response!.text();
    await page.waitForLoadState('networkidle');
    const inHtml = named(html);
    const loaded = requests.filter((r) => r.type === 'script' || r.type === 'stylesheet');
    expect(loaded.length).toBeGreaterThan(0);
    for (const r of loaded)
      expect(inHtml, `${r.url} is named in the HTML`).toContain(new URL(r.url).pathname);
    const apiCalls = requests.filter((r) => r.url.startsWith(`${baseURL}/api/`)).map((r) => r.url);
    for (const url of apiCalls)
      expect(
        api.some((a) => a.test(url)),
        `${url} on load`,
      ).toBe(true);
    if (api.length === 0) expect(apiCalls).toEqual([]);
  });

test('the inlined data is JSON in which no "<" can end the element', async ({ request }) => {
  for (const path of ['/complain', '/report', '/handbook']) {
    const html = await (await request.get(path)).text();
    const inlined = /<script type="application\/json" id="initial-data">(.*?)<\/script>/s.exec(html);
    expect(inlined, path).not.toBeNull();
    expect(inlined![1]).not.toContain('<');
    expect(Object.keys(JSON.parse(inlined![1]) as object).length).toBeGreaterThan(0);
  }
});
