import { Injectable } from '@nestjs/common';
import { FastifyInstance, FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { Organization } from '../organizations/entities/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';

const PUBLIC_DIR = join(__dirname, 'public');
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};
/** The only files served from /assets: a fixed list, so no path can reach anything else. */
const ASSETS = new Map(
  ['styles.css', 'app.js', 'complain.js', 'track.js'].map((name) => [
    name,
    readFileSync(join(PUBLIC_DIR, name), 'utf8'),
  ]),
);
const PAGES = new Map(
  ['index', 'complain', 'track'].map((p) => [p, readFileSync(join(PUBLIC_DIR, `${p}.html`), 'utf8')]),
);
const HTML = 'text/html; charset=utf-8';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The citizen pages: file a complaint and follow it. Plain HTML and a little JavaScript over the
 * public API; no cookies, no third-party scripts. Registered on Fastify directly, outside /api/v1,
 * so that `/track/{code}` (the page) and `/api/v1/track/{code}` (the API) can both exist.
 */
@Injectable()
export class WebPages {
  constructor(
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
  ) {}

  register(fastify: FastifyInstance): void {
    const page = (name: string) => async (request: { query: unknown }, reply: FastifyReply) => {
      const slug = (request.query as { org?: string }).org;
      const org = await this.organization(slug);
      if (!org)
        return reply.status(404).type(HTML).send('<!doctype html><p>ไม่พบหน่วยงาน / Unknown organisation</p>');
      return reply
        .type(HTML)
        .header('referrer-policy', 'no-referrer')
        .send(
          PAGES.get(name)!
            .replaceAll('{{ORG_SLUG}}', escapeHtml(org.slug))
            .replaceAll('{{ORG_NAME}}', escapeHtml(org.nameTh)),
        );
    };
    fastify.get('/', page('index'));
    fastify.get('/complain', page('complain'));
    fastify.get('/track', page('track'));
    fastify.get('/track/:code', page('track'));
    fastify.get('/assets/:name', async (request, reply) => {
      const name = (request.params as { name: string }).name;
      const body = ASSETS.get(name);
      if (!body) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
      return reply
        .type(TYPES[name.split('.').pop()!])
        .header('cache-control', 'public, max-age=300')
        .send(body);
    });
  }

  private async organization(slug?: string): Promise<Organization | null> {
    const wanted = slug && /^[a-z0-9-]{2,63}$/.test(slug) ? slug : this.config.organization.slug;
    return this.organizations.bySlug(wanted).catch(() => null);
  }
}
