import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SET_PASSWORD_PATH } from '../src/users/account-links.service';
import { LEGACY_OFFICER_PATHS, OFFICER_PATHS, WEB_ASSETS } from '../src/web/web-pages';
import { createTestApp, TestApp } from './helpers/test-app';

const PUBLIC_DIR = join(__dirname, '..', 'src', 'web', 'public');
const ID = '7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11';
/** Every path a page answers on, including those already sent in e-mails. */
const OFFICER_URLS = [...OFFICER_PATHS, ...LEGACY_OFFICER_PATHS, '/officer/users'].map((p) =>
  p.replace(':id', ID),
);
const INTEGRITY_PAGES = ['/report', '/report?org=demo', '/orgs/demo/integrity/follow-up'];
/** where invitation and reset links land (SET_PASSWORD_PATH): the token is in the fragment */
const ACCOUNT_PAGES = [SET_PASSWORD_PATH];
const CITIZEN_PAGES = [
  '/',
  '/complain',
  '/track',
  '/track/ABCD-EFGH-JKMN',
  '/statistics',
  '/statistics/all',
  '/handbook',
  '/orgs/demo/widget',
];

/** `src` and `href` attributes of an HTML page. */
const references = (html: string) => [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);

describe('web pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query(`UPDATE organizations SET name_th = 'อบต.ทดสอบ <script>' WHERE slug = 'demo'`);
  });
  afterAll(() => t.close());

  it.each([...CITIZEN_PAGES, ...INTEGRITY_PAGES, ...OFFICER_URLS, ...ACCOUNT_PAGES])(
    '%s is an HTML page',
    async (url) => {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toMatch(/^<!doctype html>/);
    },
  );

  describe('the typed front-end (src/web/client, built by Vite into dist/web)', () => {
    const BUILT = [
      '/officer',
      '/officer/complaints',
      '/officer/users',
      '/officer/no/such/page',
      ...ACCOUNT_PAGES,
      ...CITIZEN_PAGES,
      ...INTEGRITY_PAGES,
    ];

    it('is built (npm run build) before the tests run', () => {
      expect(existsSync(join(__dirname, '..', 'dist', 'web', '.vite', 'manifest.json'))).toBe(true);
    });

    it.each(BUILT)('%s is its Vite page: module scripts from /assets only, none inline', async (url) => {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        // the page's initial data (web-pages.ts, withInitialData) is data the browser does not run
        if (attributes === ' type="application/json" id="initial-data"') {
          expect(body).not.toContain('<');
          expect(() => JSON.parse(body) as unknown).not.toThrow();
          continue;
        }
        expect(attributes).toMatch(/\btype="module"[^>]*\bsrc="\/assets\/[\w-]+-[\w-]{8}\.js"/);
        expect(body.trim()).toBe('');
      }
      expect(res.body).not.toMatch(/https?:\/\//i);
    });

    it('serves its hashed assets with long immutable caching, and nothing else under their names', async () => {
      const html = (await t.request({ method: 'GET', url: '/complain' })).body;
      const assets = references(html).filter((r) => r.startsWith('/assets/'));
      expect(assets.length).toBeGreaterThan(1);
      for (const asset of assets) {
        const res = await t.request({ method: 'GET', url: asset });
        expect(res.statusCode).toBe(200);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers['content-type']).toMatch(/^(text\/javascript|text\/css)/);
      }
      const missing = await t.request({ method: 'GET', url: '/assets/..%2Fofficer%2Findex.html' });
      expect(missing.statusCode).toBe(404);
    });
  });

  it('e-mail links land on the console: the identity-requests path is not taken for a report id', async () => {
    const res = await t.request({ method: 'GET', url: '/officer/integrity-reports/identity-requests' });
    expect(res.body).toContain('/assets/officer.js');
  });

  it('the password page is the typed console; it takes its token from the fragment only, and removes it from the address bar', async () => {
    const page = (await t.request({ method: 'GET', url: SET_PASSWORD_PATH })).body;
    expect(page).toBe((await t.request({ method: 'GET', url: '/officer' })).body);
    const source = readFileSync(
      join(__dirname, '..', 'src', 'web', 'client', 'officer', 'SetPassword.tsx'),
      'utf8',
    );
    expect(source).toContain('window.location.hash');
    expect(source).toContain('history.replaceState');
    expect(source).not.toMatch(/location\.search|URLSearchParams|Storage/);
    // the legacy page and its script are gone
    expect(existsSync(join(PUBLIC_DIR, 'set-password.html'))).toBe(false);
    expect((await t.request({ method: 'GET', url: '/assets/set-password.js' })).statusCode).toBe(404);
  });

  it.each(['/complain', '/track/ABCD-EFGH-JKMN', '/report', '/orgs/demo/integrity/follow-up', '/officer'])(
    '%s carries the upload limits of the configuration for its file fields',
    async (url) => {
      const res = await t.request({ method: 'GET', url });
      expect(res.body).toContain(`data-max-file-bytes="${t.config.attachments.maxFileBytes}"`);
      expect(res.body).toContain(`data-max-files="${t.config.attachments.maxFiles}"`);
      expect(res.body).not.toContain('{{MAX_');
    },
  );

  it('names the organisation, escaped', async () => {
    for (const url of [
      '/complain',
      '/statistics',
      '/handbook',
      '/report',
      '/orgs/demo/integrity/follow-up',
    ]) {
      const res = await t.request({ method: 'GET', url });
      expect(res.body).toContain('data-org="demo"');
      expect(res.body).toContain('อบต.ทดสอบ &lt;script&gt;');
      expect(res.body).not.toContain('<script>"');
    }
  });

  it.each([...INTEGRITY_PAGES, ...OFFICER_URLS, ...ACCOUNT_PAGES])(
    '%s is never cached and sends no referrer',
    async (url) => {
      const res = await t.request({ method: 'GET', url });
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    },
  );

  it.each(INTEGRITY_PAGES)(
    '%s (typed front-end) loads only its own files; its scripts use no storage and name no other site',
    async (url) => {
      const res = await t.request({ method: 'GET', url });
      const refs = references(res.body);
      expect(refs.some((r) => /^\/assets\/[\w-]+\.js$/.test(r))).toBe(true);
      // own paths only; the empty data: icon stops the browser's /favicon.ico request
      for (const ref of refs) expect(ref).toMatch(/^(\/(?!\/)|data:,$)/);
      expect(res.body).not.toMatch(/https?:\/\//i);
      const scripts = refs.filter((r) => r.endsWith('.js'));
      // the page's entry and the chunks it imports
      for (let i = 0; i < scripts.length; i++) {
        const js = await t.request({ method: 'GET', url: scripts[i] });
        expect(js.statusCode).toBe(200);
        for (const [, chunk] of js.body.matchAll(
          /from\s*["']\.\/([\w-]+\.js)["']|import\s*["']\.\/([\w-]+\.js)["']/g,
        ))
          if (chunk && !scripts.includes(`/assets/${chunk}`)) scripts.push(`/assets/${chunk}`);
        // the only URLs in the code are XML namespaces (Preact's SVG), never a site to call
        expect(js.body.replace(/https?:\/\/www\.w3\.org\/[\w/.]+/g, '')).not.toMatch(/https?:\/\//i);
        // the receipt and the reporter's session stay in memory
        expect(js.body).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB/);
      }
    },
  );

  it('no page or asset refers to another site', () => {
    const files = [...WEB_ASSETS, 'officer.html'];
    for (const file of files) {
      expect({
        file,
        external: /https?:\/\/|\/\/[a-z0-9-]+\.[a-z]/i.test(readFileSync(join(PUBLIC_DIR, file), 'utf8')),
      }).toEqual({
        file,
        external: false,
      });
    }
  });

  it.each([['officer.js', 'officer.html']])(
    'every element %s looks up by id is in %s (R.byId throws on a missing one)',
    (script, page) => {
      const source = readFileSync(join(PUBLIC_DIR, script), 'utf8');
      const html = readFileSync(join(PUBLIC_DIR, page), 'utf8');
      expect(source).toContain('const $ = R.byId;');
      const wanted = [...new Set([...source.matchAll(/\$\('([\w-]+)'\)/g)].map((m) => m[1]))];
      const present = new Set([...html.matchAll(/\bid="([\w-]+)"/g)].map((m) => m[1]));
      expect(wanted.length).toBeGreaterThan(3);
      expect(wanted.filter((id) => !present.has(id))).toEqual([]);
      expect(html).toContain(`<script src="/assets/${script}"></script>`);
    },
  );

  it('the browser scripts and the typed front-end are type-checked and linted in CI (npm run lint)', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.lint).toContain('npm run lint:web');
    expect(pkg.scripts['lint:web']).toBe(
      'tsc -p src/web/public/tsconfig.json && tsc -p src/web/client/tsconfig.json',
    );
    const eslintConfig = readFileSync(join(__dirname, '..', 'eslint.config.mjs'), 'utf8');
    expect(eslintConfig).not.toContain("'src/web/public/**'");
    expect(eslintConfig).not.toContain("'src/web/client/**'");
    expect(eslintConfig).toContain("files: ['src/web/client/**/*.{ts,tsx}']");
    for (const script of WEB_ASSETS.filter((name) => name.endsWith('.js')))
      expect(readFileSync(join(PUBLIC_DIR, script), 'utf8')).toMatch(/^\/\/ @ts-check\n/);
  });

  it('the follow-up page of an unknown organisation is a 404', async () => {
    for (const url of ['/orgs/nowhere/integrity/follow-up', '/orgs/NOT%20A%20SLUG/integrity/follow-up']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves only its own assets', async () => {
    for (const name of WEB_ASSETS) {
      const res = await t.request({ method: 'GET', url: `/assets/${name}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(name.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
    for (const url of [
      '/assets/..%2Fweb.controller.js',
      '/assets/..%2Fweb-pages.js',
      '/assets/index.html',
      '/assets/report.html',
      '/assets/nope.js',
      '/assets/OFFICER.JS',
      '/assets/browser.d.ts',
      '/assets/tsconfig.json',
    ]) {
      expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('only the widget may be framed by another site', async () => {
    const widget = await t.request({ method: 'GET', url: '/orgs/demo/widget' });
    expect(widget.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect(widget.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(widget.headers['x-frame-options']).toBeUndefined();
    for (const url of [...CITIZEN_PAGES.filter((u) => !u.includes('widget')), '/report', '/officer']) {
      const res = await t.request({ method: 'GET', url });
      expect({ url, policy: res.headers['content-security-policy'] }).toEqual({
        url,
        policy: expect.stringMatching(/frame-ancestors 'self'/),
      });
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    }
    expect((await t.request({ method: 'GET', url: '/orgs/nowhere/widget' })).statusCode).toBe(404);
  });

  it('an unknown organisation is a 404', async () => {
    for (const url of ['/complain?org=nowhere', '/statistics?org=nowhere', '/report?org=nowhere']) {
      expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('the API under the page paths still answers as the API', async () => {
    const token = await t.login();
    const list = await t.request({
      method: 'GET',
      url: '/api/v1/integrity-reports/identity-requests',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.statusCode).toBe(403);
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    const types = await t.request({
      method: 'GET',
      url: '/api/v1/orgs/demo/integrity-reports/allegation-types',
    });
    expect(types.statusCode).toBe(200);
    expect(types.headers['content-type']).toMatch(/^application\/json/);
  });
});
