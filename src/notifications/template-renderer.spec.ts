import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageTemplate, TEMPLATES } from './message-template';
import { TemplateRenderer, TEMPLATES_DIR } from './template-renderer';

describe('TemplateRenderer', () => {
  const renderer = new TemplateRenderer();

  it.each(Object.values(MessageTemplate))(
    '%s: subject on one line, Thai before English, text and HTML',
    (template) => {
      const { subject, text, html } = renderer.render(template, {
        ...TEMPLATES[template].example,
        ...TEMPLATES[template].resolved,
      });
      expect(subject).not.toMatch(/\n/);
      expect(subject.split(' / ')).toHaveLength(2);
      expect(text.indexOf('----')).toBeGreaterThan(0);
      expect(text).toContain('ข้อความนี้ส่งโดยอัตโนมัติ');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html.indexOf('<div lang="th">')).toBeLessThan(html.indexOf('<div lang="en">'));
      expect(text).not.toMatch(/\{\{|\}\}/);
      expect(html).not.toMatch(/\{\{|\}\}/);
    },
  );

  it('says how many cases a long digest left out', () => {
    const { text } = renderer.render(MessageTemplate.OfficerDailyDigest, {
      ...TEMPLATES[MessageTemplate.OfficerDailyDigest].example,
      overdueMore: 12,
    });
    expect(text).toContain('เกินกำหนด (1 และอีก 12)');
    expect(text).toContain('Overdue (1 and 12 more)');
  });

  it('shows an empty digest section as "none"', () => {
    const { text } = renderer.render(MessageTemplate.OfficerDailyDigest, {
      ...TEMPLATES[MessageTemplate.OfficerDailyDigest].example,
      overdue: [],
    });
    expect(text).toContain('เกินกำหนด (0):\n- ไม่มี');
  });

  describe('an edited template that is broken stops the start-up with the file named', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'rongrian-templates-'));
      cpSync(TEMPLATES_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it.each([
      [
        'a misspelt value',
        'body.txt',
        'เลขที่ {{refrenceNo}}',
        /complaint\.resolved does not render: "refrenceNo" not defined/,
      ],
      ['broken syntax', 'body.html', '<p>{{#if}}</p>', /complaint\.resolved/],
    ])('%s', (_name, file, content, message) => {
      writeFileSync(join(dir, 'complaint.resolved', file), content);
      expect(() => new TemplateRenderer(dir)).toThrow(message);
    });

    it('a missing file', () => {
      rmSync(join(dir, 'officer.assigned', 'subject.txt'));
      expect(() => new TemplateRenderer(dir)).toThrow(
        /Mail template file missing: .*officer\.assigned\/subject\.txt/,
      );
    });
  });
});
