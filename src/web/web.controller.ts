import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../common/auth/decorators';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { OrganizationsService } from '../organizations/organizations.service';

const PUBLIC_DIR = join(__dirname, 'public');
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
/** The only files served from /assets: a fixed list, so no path can reach anything else. */
const ASSETS = new Map(
  ['styles.css', 'app.js', 'complain.js', 'track.js'].map((name) => [name, readFileSync(join(PUBLIC_DIR, name), 'utf8')]),
);
const PAGES = new Map(['index', 'complain', 'track'].map((p) => [p, readFileSync(join(PUBLIC_DIR, `${p}.html`), 'utf8')]));

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paths of the citizen pages, served outside the /api/v1 prefix. */
export const WEB_PATHS = ['/', 'complain', 'track', 'track/:code', 'assets/:name'];

/**
 * The citizen pages: file a complaint and follow it. Plain HTML and a little JavaScript over the
 * public API; no cookies, no third-party scripts.
 */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(
    private readonly config: AppConfig,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get('/')
  @Header('content-type', 'text/html; charset=utf-8')
  home(@Query('org') org?: string): Promise<string> {
    return this.page('index', org);
  }

  @Get('complain')
  @Header('content-type', 'text/html; charset=utf-8')
  complain(@Query('org') org?: string): Promise<string> {
    return this.page('complain', org);
  }

  @Get(['track', 'track/:code'])
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('referrer-policy', 'no-referrer')
  track(): Promise<string> {
    return this.page('track');
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() reply: FastifyReply): void {
    const body = ASSETS.get(name);
    if (!body) throw new DomainError('NOT_FOUND');
    void reply
      .header('content-type', TYPES[name.split('.').pop()!])
      .header('cache-control', 'public, max-age=300')
      .send(body);
  }

  private async page(name: string, orgSlug?: string): Promise<string> {
    const org = await this.organizations.bySlug(orgSlug && /^[a-z0-9-]{2,63}$/.test(orgSlug) ? orgSlug : this.config.organization.slug);
    return PAGES.get(name)!.replaceAll('{{ORG_SLUG}}', escapeHtml(org.slug)).replaceAll('{{ORG_NAME}}', escapeHtml(org.nameTh));
  }
}
