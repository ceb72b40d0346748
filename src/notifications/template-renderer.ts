import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageTemplate, TEMPLATES } from './message-template';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Compiled = Handlebars.TemplateDelegate<Record<string, unknown>>;

/** Where the editable template files live (copied beside the compiled code by `nest build`). */
export const TEMPLATES_DIR = join(__dirname, 'templates');

const MONTHS_TH = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function civilDate(value: unknown): { y: number; m: number; d: number } | null {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return null;
  const [y, m, d] = match.slice(1).map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { y, m, d } : null;
}

/** '2026-03-20' → '20 มีนาคม 2569' (Buddhist Era); anything else is shown as given. */
export function thaiDate(value: unknown): string {
  const c = civilDate(value);
  return c ? `${c.d} ${MONTHS_TH[c.m - 1]} ${c.y + 543}` : String(value ?? '');
}

/** '2026-03-20' → '20 March 2026'; anything else is shown as given. */
export function enDate(value: unknown): string {
  const c = civilDate(value);
  return c ? `${c.d} ${MONTHS_EN[c.m - 1]} ${c.y}` : String(value ?? '');
}

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('thaiDate', thaiDate);
  hb.registerHelper('enDate', enDate);
  return hb;
}

/**
 * Renders messages from the files in templates/: `<key>/subject.txt`, `<key>/body.txt` and
 * `<key>/body.html`, wrapped in `_layout/layout.txt` / `_layout/layout.html`. Handlebars: logic-less
 * (a template cannot run code), HTML-escaping in the .html files, and strict (a misspelt
 * `{{name}}` is an error, not a blank). Every template is compiled and rendered with its example
 * values at start-up, so a broken edit stops the service with the file's name instead of failing mail.
 */
@Injectable()
export class TemplateRenderer {
  private readonly compiled = new Map<
    MessageTemplate,
    { subject: Compiled; text: Compiled; html: Compiled }
  >();
  private readonly layout: { text: Compiled; html: Compiled };

  constructor(dir: string = TEMPLATES_DIR) {
    const text = engine();
    const html = engine();
    const read = (file: string) => {
      const path = join(dir, file);
      if (!existsSync(path)) throw new Error(`Mail template file missing: ${path}`);
      return readFileSync(path, 'utf8');
    };
    const compileText = (file: string) => text.compile(read(file), { noEscape: true, strict: true });
    const compileHtml = (file: string) => html.compile(read(file), { strict: true });

    this.layout = { text: compileText('_layout/layout.txt'), html: compileHtml('_layout/layout.html') };
    for (const key of Object.values(MessageTemplate)) {
      this.compiled.set(key, {
        subject: compileText(`${key}/subject.txt`),
        text: compileText(`${key}/body.txt`),
        html: compileHtml(`${key}/body.html`),
      });
      try {
        this.render(key, TEMPLATES[key].example);
      } catch (error) {
        throw new Error(`Mail template ${dir}/${key} does not render: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
  }

  render(template: MessageTemplate, params: Record<string, unknown>): RenderedMessage {
    const t = this.compiled.get(template);
    if (!t) throw new Error(`Unknown mail template ${template}`);
    const subject = t.subject(params).replace(/\s+/g, ' ').trim();
    const layout = { ...params, mailSubject: subject };
    return {
      subject,
      text: `${this.layout.text({ ...layout, body: t.text(params).trim() }).trim()}\n`,
      html: this.layout.html({ ...layout, body: t.html(params) }),
    };
  }
}
