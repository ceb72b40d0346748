import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enDate, thaiDate } from '../common/time/civil-date-text';
import { MessageTemplate, TEMPLATES } from './message-template';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Compiled = Handlebars.TemplateDelegate<Record<string, unknown>>;

/** Where the editable template files live (copied beside the compiled code by `nest build`). */
export const TEMPLATES_DIR = join(__dirname, 'templates');

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
        this.render(key, { ...TEMPLATES[key].example, ...TEMPLATES[key].resolved });
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
