import { createTestApp, TestApp } from './helpers/test-app';

describe('citizen pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query(`UPDATE organizations SET name_th = 'อบต.ทดสอบ <script>' WHERE slug = 'demo'`);
  });
  afterAll(() => t.close());

  it.each(['/', '/complain', '/track', '/track/ABCD-EFGH-JKMN'])('%s is an HTML page', async (url) => {
    const res = await t.request({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/^<!doctype html>/);
  });

  it('names the organisation, escaped', async () => {
    const res = await t.request({ method: 'GET', url: '/complain' });
    expect(res.body).toContain('data-org="demo"');
    expect(res.body).toContain('อบต.ทดสอบ &lt;script&gt;');
    expect(res.body).not.toContain('<script>"');
  });

  it('serves only its own assets', async () => {
    const css = await t.request({ method: 'GET', url: '/assets/styles.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    for (const url of ['/assets/..%2Fweb.controller.js', '/assets/index.html', '/assets/nope.js']) {
      expect((await t.request({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('an unknown organisation is a 404', async () => {
    const res = await t.request({ method: 'GET', url: '/complain?org=nowhere' });
    expect(res.statusCode).toBe(404);
  });
});
