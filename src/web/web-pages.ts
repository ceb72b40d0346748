import { Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ComplaintQueries } from '../complaints/complaint-queries.service';
import { SUBMISSION_KIND_LABELS } from '../complaints/submission-kinds';
import { entries } from '../reference-data/labels.controller';
import { HandbookService } from '../handbook/handbook.service';
import { ReporterService } from '../integrity-reports/reporter.service';
import { KIND_TEXT, REPORTER_RELATION_TEXT } from '../integrity-reports/workflow';
import { DomainError } from '../common/errors/domain-error';
import { fiscalYearOf } from '../common/time/fiscal-year';
import { AnnualReportsService } from '../statistics/annual-reports.service';
import { StatisticsService } from '../statistics/statistics.service';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
const PAGES = new Map<string, string>();

/**
 * The typed front-end (src/web/client), built by Vite into dist/web (`npm run build`): found beside the
 * compiled server (dist/src/web → dist/web) or, when the server runs from source (tests), in dist/web.
 */
const WEB_DIST = [join(__dirname, '..', '..', 'web'), join(__dirname, '..', '..', 'dist', 'web')].find(
  (dir) => existsSync(join(dir, '.vite', 'manifest.json')),
);
/** Pages ported to the typed front-end: their Vite-built HTML (src/web/client/vite.config.mts's entries). */
const BUILT_PAGES: Record<string, string> = {
  officer: 'officer/index.html',
  index: 'public/index.html',
  complain: 'public/complain.html',
  track: 'public/track.html',
  statistics: 'public/statistics.html',
  handbook: 'public/handbook.html',
  widget: 'public/widget.html',
  report: 'public/report.html',
  'follow-up': 'public/follow-up.html',
};
/** What a ported page answers before `npm run build` has built it (no page has a legacy copy any more). */
const NOT_BUILT =
  '<!doctype html><html lang="th"><title>Rongrian</title><p>หน้านี้ยังไม่ได้สร้าง / This page is not built: run <code>npm run build</code></p></html>';
for (const [name, file] of Object.entries(BUILT_PAGES))
  if (WEB_DIST && existsSync(join(WEB_DIST, file)))
    PAGES.set(name, readFileSync(join(WEB_DIST, file), 'utf8'));
  else if (!PAGES.has(name)) PAGES.set(name, NOT_BUILT);
/** The built, content-hashed assets (`name-HASH.js`): cached for a year, never change under one name. */
const BUILT_ASSETS = new Map<string, Buffer>(
  WEB_DIST && existsSync(join(WEB_DIST, 'assets'))
    ? readdirSync(join(WEB_DIST, 'assets')).map((name) => [
        name,
        readFileSync(join(WEB_DIST, 'assets', name)),
      ])
    : [],
);
/** The only files served from /assets: the built ones, so no path can reach anything else. */
export const builtAssetNames = (): string[] => [...BUILT_ASSETS.keys()];
const HTML = 'text/html; charset=utf-8';

/** Vite's manifest: which file each source became, and what it imports. */
const MANIFEST: Record<string, { file: string; imports?: string[] }> = WEB_DIST
  ? (JSON.parse(readFileSync(join(WEB_DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[] }
    >)
  : {};

/** The map pin's part of /complain: a module of its own (vite.config.mts's MODULES), loaded by its URL. */
const PIN_MODULE = 'public/LocationPin.tsx';

/**
 * `<link rel="modulepreload">` for a module that the page imports by its URL, and for what that module
 * imports, each not already named in the page: the server names it when it knows the page will want
 * it (the map pin's part of /complain when a tile server is configured), so it comes in the same round.
 */
export function withModulePreload(html: string, source: string): string {
  const files = new Set<string>();
  const walk = (key: string) => {
    const chunk = MANIFEST[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  walk(source);
  const links = [...files]
    .filter((file) => !html.includes(`/${file}"`))
    .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`)
    .join('');
  return links ? html.replace('</head>', () => `${links}</head>`) : html;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The data a page needs on load, written into its HTML as `<script type="application/json"
 * id="initial-data">` (data, not code: the CSP's `script-src 'self'` is untouched), so that the page
 * makes no API request before it can show itself (one round of requests). Each `<` is escaped, so
 * no text in the data can close the element. A part that fails to load is left out: the page then
 * fetches it itself (and shows that error, with a retry).
 */
export function withInitialData(html: string, data: Record<string, unknown>): string {
  if (Object.keys(data).length === 0) return html;
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return html.replace(
    '</head>',
    () => `<script type="application/json" id="initial-data">${json}</script></head>`,
  );
}

/** The parts of a page's initial data by name, each a value or a promise of one. */
type InitialParts = Record<string, Promise<unknown> | unknown>;

interface PageOptions {
  /** where the organisation's slug comes from: `?org=` (default organisation without it) or `/orgs/:slug/…` */
  slugFrom: 'query' | 'path';
  /** the integrity channel: never cached by a browser or a proxy */
  noStore?: boolean;
  /** the embeddable widget: any site may frame it (every other page: frame-ancestors 'self') */
  frameable?: boolean;
  /** what the page needs on load, inlined into its HTML (see withInitialData) */
  initialData?: (org: Organization, request: FastifyRequest) => InitialParts | Promise<InitialParts>;
  /** a module (its source path in Vite's manifest) the page imports by URL at once: named in the HTML */
  preload?: () => string | undefined;
}

/**
 * The web pages: citizens file and follow complaints; whistleblowers report and follow up with their
 * receipt; officers work in a small console. Plain HTML and a little JavaScript over the API; no
 * cookies, no third-party scripts. Registered on Fastify directly, outside /api/v1, so that
 * `/track/{code}` (the page) and `/api/v1/track/{code}` (the API) can both exist.
 */
@Injectable()
export class WebPages {
  constructor(
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
    private readonly modules: ModuleRef,
  ) {}

  /** A service of another module (this module imports none of them: the pages only read). */
  private service<T>(type: Type<T>): T {
    return this.modules.get(type, { strict: false });
  }

  /** Each part that loads; a failed one is left out (the page fetches it, and shows the failure). */
  private async initialData(given: InitialParts | Promise<InitialParts>): Promise<Record<string, unknown>> {
    const parts = await given;
    const entries = await Promise.all(
      Object.entries(parts).map(async ([key, value]) => [
        key,
        await Promise.resolve(value).catch(() => undefined),
      ]),
    );
    return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
  }

  /** The fiscal year a statistics page shows: `?year=` when plausible (as the page reads it), else the current one. */
  private fiscalYear(request: FastifyRequest): number {
    const year = Number((request.query as { year?: string }).year);
    return Number.isInteger(year) && year >= 2500 && year <= 2700
      ? year
      : fiscalYearOf(new Date(), this.config.app.timeZone);
  }

  /**
   * What /statistics shows first: one organisation's figures of the year and whether its annual
   * report is published (`null`: could not be told, as the page says when its own call fails), or,
   * on /statistics/all, every organisation's.
   */
  private async statistics(org: Organization, request: FastifyRequest) {
    const fiscalYear = this.fiscalYear(request);
    const statistics = this.service(StatisticsService);
    if (request.url.split('?')[0].replace(/\/$/, '') === '/statistics/all')
      return { national: { fiscalYear, stats: await statistics.national({ fiscalYear }) } };
    const [complaints, integrity, annual] = await Promise.all([
      statistics.complaints(org.slug, { fiscalYear }),
      statistics.integrityReports(org.slug, { fiscalYear }),
      this.service(AnnualReportsService)
        .published(org.slug, fiscalYear)
        .then(
          (report) => ({ published: true, publishedAt: report.publishedAt }),
          (err: unknown) =>
            err instanceof DomainError && err.code === 'ANNUAL_REPORT_NOT_PUBLISHED'
              ? { published: false }
              : null,
        ),
    ]);
    return { statistics: { fiscalYear, complaints, integrity, annual } };
  }

  /** The map pin's settings for /complain, only when a tile server is configured. */
  private mapSettings() {
    const { tileUrl, attribution, center } = this.config.map;
    const pin = MANIFEST[PIN_MODULE];
    return tileUrl && pin ? { tileUrl, attribution, center, module: `/${pin.file}` } : undefined;
  }

  register(fastify: FastifyInstance): void {
    const page =
      (name: string, options: PageOptions) => async (request: FastifyRequest, reply: FastifyReply) => {
        const slug =
          options.slugFrom === 'path'
            ? (request.params as { slug: string }).slug
            : (request.query as { org?: string }).org;
        const org = await this.organization(slug, options.slugFrom === 'path');
        void reply.type(HTML).header('referrer-policy', 'no-referrer');
        if (options.noStore) void reply.header('cache-control', 'no-store');
        if (options.frameable) allowFraming(reply);
        if (!org) return reply.status(404).send('<!doctype html><p>ไม่พบหน่วยงาน / Unknown organisation</p>');
        const html = this.withUploadLimits(PAGES.get(name)!)
          .replaceAll('{{ORG_SLUG}}', escapeHtml(org.slug))
          .replaceAll('{{ORG_NAME}}', escapeHtml(org.nameTh));
        const preload = options.preload?.();
        const named = preload ? withModulePreload(html, preload) : html;
        if (!options.initialData) return reply.send(named);
        return reply.send(withInitialData(named, await this.initialData(options.initialData(org, request))));
      };
    // The officers' console is one page for every path under /officer (links in e-mails land on it);
    // it names no organisation: the signed-in officer's account decides which one they work for.
    const officer = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .type(HTML)
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-store')
        .send(this.withUploadLimits(PAGES.get('officer')!));

    fastify.get('/', page('index', { slugFrom: 'query' }));
    fastify.get(
      '/complain',
      page('complain', {
        slugFrom: 'query',
        initialData: (org) => ({
          categories: this.service(ComplaintQueries).categories(org.slug),
          kinds: entries(SUBMISSION_KIND_LABELS),
          map: this.mapSettings(),
        }),
        // with a tile server, the pin's part of the form (not Leaflet: that loads when the map is opened)
        preload: () => (this.config.map.tileUrl ? PIN_MODULE : undefined),
      }),
    );
    fastify.get('/track', page('track', { slugFrom: 'query' }));
    fastify.get('/track/:code', page('track', { slugFrom: 'query' }));
    // the figures of the year the page opens on (a failed load: the page fetches them, and shows why)
    const statistics = page('statistics', {
      slugFrom: 'query',
      initialData: (org, request) => this.statistics(org, request).catch(() => ({})),
    });
    fastify.get('/statistics', statistics);
    fastify.get('/statistics/all', statistics);
    fastify.get(
      '/handbook',
      page('handbook', {
        slugFrom: 'query',
        initialData: (org) => ({ handbook: this.service(HandbookService).handbook(org.slug) }),
      }),
    );
    fastify.get(
      '/orgs/:slug/widget',
      page('widget', {
        slugFrom: 'path',
        frameable: true,
        initialData: (org) => ({ widget: this.service(StatisticsService).complaints(org.slug, {}) }),
      }),
    );
    fastify.get(
      '/report',
      page('report', {
        slugFrom: 'query',
        noStore: true,
        initialData: (org) => ({
          allegationTypes: this.service(ReporterService).allegationTypes(org.slug),
          reportKinds: entries(KIND_TEXT),
          reporterRelations: entries(REPORTER_RELATION_TEXT),
        }),
      }),
    );
    fastify.get('/orgs/:slug/integrity/follow-up', page('follow-up', { slugFrom: 'path', noStore: true }));
    // the console answers /officer, its pages and any other path under /officer (its own "not found")
    for (const path of OFFICER_PATHS) fastify.get(path, officer);
    fastify.get('/officer/*', officer);
    fastify.get('/assets/:name', async (request, reply) => {
      const name = (request.params as { name: string }).name;
      const built = BUILT_ASSETS.get(name);
      if (built)
        return reply
          .type(TYPES[name.split('.').pop()!] ?? 'application/octet-stream')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(built);
      return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    });
  }

  /** The upload limits the file fields show and check (`data-max-file-bytes`, `data-max-files`). */
  private withUploadLimits(html: string): string {
    return html
      .replaceAll('{{MAX_FILE_BYTES}}', String(this.config.attachments.maxFileBytes))
      .replaceAll('{{MAX_FILES}}', String(this.config.attachments.maxFiles));
  }

  /** `?org=` falls back to the default organisation; a slug in the path must name one. */
  private async organization(slug: string | undefined, required: boolean): Promise<Organization | null> {
    const valid = slug !== undefined && /^[a-z0-9-]{2,63}$/.test(slug);
    if (required && !valid) return null;
    const wanted = valid ? slug : this.config.organization.slug;
    return this.organizations.bySlug(wanted).catch(() => null);
  }
}

/**
 * Lets any website frame this answer (the statistics widget): helmet's `frame-ancestors 'self'` becomes
 * `*` and X-Frame-Options goes, for this reply only. Nothing else changes: scripts stay 'self' only.
 */
function allowFraming(reply: FastifyReply): void {
  const policy = reply.getHeader('content-security-policy');
  if (typeof policy === 'string')
    void reply.header(
      'content-security-policy',
      policy.replace(/frame-ancestors [^;]*/, 'frame-ancestors *'),
    );
  void reply.removeHeader('x-frame-options');
}

/** The paths of the officers' console (src/web/client/officer), the integrity console's included. */
export const OFFICER_PATHS = [
  '/officer',
  '/officer/complaints',
  '/officer/intake',
  '/officer/complaints/:id',
  '/officer/complaints/:id/slip',
  '/officer/complaints/:id/letter/:kind',
  // the landing page of invitation and reset links (SET_PASSWORD_PATH); the token is in the fragment
  '/officer/set-password',
  '/officer/integrity-reports',
  '/officer/integrity-reports/identity-requests',
  '/officer/integrity-reports/:id',
] as const;
