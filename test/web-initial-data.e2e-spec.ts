/**
 * Issue 16: the citizen pages' initial data and the map pin's configuration.
 * - /complain, /report and /handbook carry the data they need on load in the HTML
 *   (`<script type="application/json" id="initial-data">`): one round of requests, no script → data
 *   waterfall; it is escaped (no "<" can end the element), and the CSP stays `script-src 'self'`.
 * - Without MAP_TILE_URL the page learns of no map, the CSP allows no other image origin, and the
 *   map's code (Leaflet) is not among the page's scripts: a chunk only a dynamic import reaches.
 * - With MAP_TILE_URL /complain gets the map settings and the CSP allows the tile origin in img-src.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../src/config/app-config';
import { withInitialData } from '../src/web/web-pages';
import { createTestApp, TestApp } from './helpers/test-app';
import { testEnvironment } from './helpers/test-env';

const WEB = join(__dirname, '..', 'dist', 'web');

const initialData = (html: string): Record<string, unknown> | null => {
  const found = /<script type="application\/json" id="initial-data">(.*?)<\/script>/s.exec(html);
  return found ? (JSON.parse(found[1]) as Record<string, unknown>) : null;
};
const imgSrc = (policy: unknown) => /img-src ([^;]*)/.exec(String(policy))?.[1];

describe('initial data and the map pin (issue 16)', () => {
  describe('without MAP_TILE_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
      await t.db.query(
        `UPDATE organizations SET name_th = 'อบต.ทดสอบ </script><script>' WHERE slug = 'demo'`,
      );
    });
    afterAll(() => t.close());

    it('/complain carries the categories and the kinds the API answers, and no map settings', async () => {
      const res = await t.request({ method: 'GET', url: '/complain' });
      const data = initialData(res.body);
      const api = await t.request({ method: 'GET', url: '/api/v1/orgs/demo/categories' });
      const labels = JSON.parse((await t.request({ method: 'GET', url: '/api/v1/labels' })).body) as {
        complaints: { kinds: unknown };
      };
      expect(data).toEqual({ categories: JSON.parse(api.body) as unknown, kinds: labels.complaints.kinds });
      expect(imgSrc(res.headers['content-security-policy'])).toBe("'self' data: blob:");
    });

    it('/report carries the kinds of wrongdoing, of report and the relations, /handbook the handbook (the organisation name escaped)', async () => {
      const report = await t.request({ method: 'GET', url: '/report' });
      const types = await t.request({
        method: 'GET',
        url: '/api/v1/orgs/demo/integrity-reports/allegation-types',
      });
      const labels = JSON.parse((await t.request({ method: 'GET', url: '/api/v1/labels' })).body) as {
        integrityReports: { kinds: unknown; reporterRelations: unknown };
      };
      expect(initialData(report.body)).toEqual({
        allegationTypes: JSON.parse(types.body) as unknown,
        reportKinds: labels.integrityReports.kinds,
        reporterRelations: labels.integrityReports.reporterRelations,
      });
      expect(report.headers['cache-control']).toBe('no-store');

      const handbook = await t.request({ method: 'GET', url: '/handbook' });
      const inlined = /id="initial-data">(.*?)<\/script>/s.exec(handbook.body)![1];
      expect(inlined).not.toContain('<');
      expect(inlined).toContain('\\u003c/script>');
      const data = initialData(handbook.body) as { handbook: { organization: { nameTh: string } } };
      expect(data.handbook.organization.nameTh).toBe('อบต.ทดสอบ </script><script>');
    });

    it('/statistics carries the figures of the year it opens on, /statistics/all and the widget theirs', async () => {
      const org = initialData((await t.request({ method: 'GET', url: '/statistics?year=2566' })).body) as {
        statistics: { fiscalYear: number; complaints: { period: { fiscalYear: number } }; annual: unknown };
      };
      expect(Object.keys(org.statistics).sort()).toEqual(['annual', 'complaints', 'fiscalYear', 'integrity']);
      expect(org.statistics.fiscalYear).toBe(2566);
      expect(org.statistics.complaints.period.fiscalYear).toBe(2566);
      expect(org.statistics.annual).toEqual({ published: false });
      const current = initialData(
        (await t.request({ method: 'GET', url: '/statistics?year=nonsense' })).body,
      ) as {
        statistics: { fiscalYear: number };
      };
      const api = JSON.parse(
        (await t.request({ method: 'GET', url: '/api/v1/orgs/demo/statistics/complaints' })).body,
      ) as { period: { fiscalYear: number } };
      expect(current.statistics.fiscalYear).toBe(api.period.fiscalYear);
      const all = initialData((await t.request({ method: 'GET', url: '/statistics/all?year=2566' })).body);
      expect(all).toEqual({
        national: { fiscalYear: 2566, stats: expect.objectContaining({ organizations: expect.any(Array) }) },
      });
      const widget = initialData((await t.request({ method: 'GET', url: '/orgs/demo/widget' })).body) as {
        widget: { period: { fiscalYear: number } };
      };
      expect(widget.widget.period.fiscalYear).toBe(api.period.fiscalYear);
    });

    it('pages whose data is not inlined carry none', async () => {
      for (const url of ['/', '/track', '/track/ABCD-EFGH-JKMN', '/orgs/demo/integrity/follow-up']) {
        const res = await t.request({ method: 'GET', url });
        expect({ url, data: initialData(res.body) }).toEqual({ url, data: null });
      }
    });

    it("the map's code is a chunk of its own, not among /complain's scripts", async () => {
      expect(existsSync(join(WEB, '.vite', 'manifest.json'))).toBe(true);
      const manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<
        string,
        { file: string; imports?: string[]; dynamicImports?: string[] }
      >;
      const statics = new Set<string>();
      const walk = (key: string) => {
        if (statics.has(key)) return;
        statics.add(key);
        for (const next of manifest[key].imports ?? []) walk(next);
      };
      walk('public/complain.html');
      const map = [
        'public/LocationPin.tsx',
        'public/pin-map.ts',
        ...Object.keys(manifest).filter((k) => k.includes('leaflet')),
      ];
      expect([...statics].filter((k) => map.includes(k) || k.includes('leaflet'))).toEqual([]);
      // nor a loader for it: the page imports the pin's module only by the URL the server gives
      expect(manifest['public/complain.html'].dynamicImports ?? []).toEqual([]);
      expect(manifest['public/LocationPin.tsx'].dynamicImports).toEqual(['public/pin-map.ts']);
      // and the page names none of it
      const html = (await t.request({ method: 'GET', url: '/complain' })).body;
      for (const key of map.filter((k) => manifest[k]))
        expect(html).not.toContain(manifest[key].file.replace(/^assets\//, ''));
    });
  });

  describe('with MAP_TILE_URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({
        MAP_TILE_URL: 'https://{s}.tile.example/{z}/{x}/{y}.png',
        MAP_ATTRIBUTION: '© Example tiles',
        MAP_CENTER: '15.2287,104.8564,13',
      });
    });
    afterAll(() => t.close());

    it('/complain gets the map settings; the CSP allows the tile origin in img-src only', async () => {
      const res = await t.request({ method: 'GET', url: '/complain' });
      expect(initialData(res.body)?.map).toEqual({
        tileUrl: 'https://{s}.tile.example/{z}/{x}/{y}.png',
        attribution: '© Example tiles',
        center: { lat: 15.2287, lng: 104.8564, zoom: 13 },
        module: expect.stringMatching(/^\/assets\/location-pin-[\w-]{8}\.js$/),
      });
      const policy = String(res.headers['content-security-policy']);
      expect(imgSrc(policy)).toBe("'self' data: blob: https://*.tile.example");
      expect(policy).toMatch(/script-src 'self'(;|$)/);
      expect(policy).toMatch(/default-src 'self'(;|$)/);
      const report = await t.request({ method: 'GET', url: '/report' });
      expect(initialData(report.body)).not.toHaveProperty('map');
    });

    it("/complain names the pin's chunk in its HTML (same round), but not the map library's", async () => {
      const manifest = JSON.parse(readFileSync(join(WEB, '.vite', 'manifest.json'), 'utf8')) as Record<
        string,
        { file: string }
      >;
      const html = (await t.request({ method: 'GET', url: '/complain' })).body;
      expect(html).toContain(
        `<link rel="modulepreload" crossorigin href="/${manifest['public/LocationPin.tsx'].file}">`,
      );
      expect(html).not.toContain(manifest['public/pin-map.ts'].file);
    });

    it('a filed pin is stored and shown to officers; a point outside Thailand is refused at its field', async () => {
      const file = (location: { lat: number; lng: number }) =>
        t.request({
          method: 'POST',
          url: '/api/v1/orgs/demo/complaints',
          payload: { categoryCode: 'street_lighting', subject: 'ไฟดับ', description: 'ไฟดับทั้งซอย', location },
        });
      const filed = await file({ lat: 15.23, lng: 104.86 });
      expect(filed.statusCode).toBe(201);
      const [row] = await t.db.query<{ latitude: number; longitude: number }[]>(
        `SELECT latitude, longitude FROM complaints WHERE reference_no = $1`,
        [(JSON.parse(filed.body) as { referenceNo: string }).referenceNo],
      );
      expect(row).toEqual({ latitude: 15.23, longitude: 104.86 });

      const outside = await file({ lat: 48.85, lng: 2.35 });
      expect(outside.statusCode).toBe(400);
      expect(JSON.stringify(JSON.parse(outside.body))).toContain('location.lat');
    });
  });

  it('MAP_TILE_URL must be a tile template; MAP_CENTER latitude,longitude,zoom', () => {
    const env = (extra: Record<string, string>) => ({ ...testEnvironment('unused'), ...extra });
    expect(() => loadConfig(env({ MAP_TILE_URL: 'https://tile.example/tiles.png' }))).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig(env({ MAP_TILE_URL: 'javascript:alert(1)//{z}{x}{y}' }))).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig(env({ MAP_CENTER: 'Bangkok' }))).toThrow(/MAP_CENTER/);
    expect(loadConfig(env({ MAP_TILE_URL: '' })).map.tileUrl).toBeNull();
    expect(loadConfig(env({ MAP_TILE_URL: 'http://127.0.0.1:8080/{z}/{x}/{y}.png' })).map.imgSource).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('withInitialData writes JSON before </head> and escapes every "<"', () => {
    const html = withInitialData('<html><head><title>x</title></head><body></body></html>', {
      a: '</script><!-- $& $1',
    });
    expect(html).toBe(
      '<html><head><title>x</title><script type="application/json" id="initial-data">{"a":"\\u003c/script>\\u003c!-- $& $1"}</script></head><body></body></html>',
    );
    expect(withInitialData('<head></head>', {})).toBe('<head></head>');
  });
});
