import { MessageTemplate, RecipientKind, TEMPLATES } from './message-template';
import { InvalidNotificationError, prepareParams } from './prepare-params';

const BASE = 'https://rongrian.example.go.th';
const example = (t: MessageTemplate) => TEMPLATES[t].example;

describe('prepareParams', () => {
  it.each(Object.values(MessageTemplate))('%s: its example is accepted for its audience', (template) => {
    expect(prepareParams(template, TEMPLATES[template].audience, example(template), BASE)).toEqual(
      example(template),
    );
  });

  it('makes paths absolute on PUBLIC_BASE_URL, nested lists included', () => {
    const out = prepareParams(
      MessageTemplate.OfficerDailyDigest,
      'officer',
      {
        ...example(MessageTemplate.OfficerDailyDigest),
        dueSoon: [{ referenceNo: 'ร.1', dueDate: '2026-03-20', caseUrl: '/officer/complaints/1' }],
      },
      BASE,
    );
    expect((out.dueSoon as { caseUrl: string }[])[0].caseUrl).toBe(`${BASE}/officer/complaints/1`);
  });

  it.each<[string, MessageTemplate, RecipientKind, Record<string, unknown>, RegExp]>([
    [
      'an officer template to a complainant',
      MessageTemplate.OfficerAssigned,
      'complainant',
      example(MessageTemplate.OfficerAssigned),
      /is for a officer, not a complainant/,
    ],
    [
      'a complainant template to a reporter',
      MessageTemplate.ComplaintResolved,
      'reporter',
      example(MessageTemplate.ComplaintResolved),
      /not a reporter/,
    ],
    [
      'a missing param',
      MessageTemplate.ComplaintAcknowledged,
      'complainant',
      { ...example(MessageTemplate.ComplaintAcknowledged), trackingCode: undefined },
      /needs trackingCode/,
    ],
    [
      'a javascript: link',
      MessageTemplate.ComplaintResolved,
      'complainant',
      { ...example(MessageTemplate.ComplaintResolved), trackingUrl: 'javascript:alert(1)' },
      /http\(s\) link/,
    ],
    [
      'a link that is no URL',
      MessageTemplate.ComplaintResolved,
      'complainant',
      { ...example(MessageTemplate.ComplaintResolved), trackingUrl: 'track me' },
      /not a URL/,
    ],
    [
      'content in an integrity message',
      MessageTemplate.IntegrityOfficerUpdate,
      'officer',
      { ...example(MessageTemplate.IntegrityOfficerUpdate), details: 'the director took a bribe' },
      /carries no content: details not allowed/,
    ],
    [
      'a receipt in an integrity link',
      MessageTemplate.IntegrityReporterUpdate,
      'reporter',
      { ...example(MessageTemplate.IntegrityReporterUpdate), followUpUrl: '/follow-up?r=1234567890123456' },
      /no query or fragment/,
    ],
    [
      'credentials in an integrity link',
      MessageTemplate.IntegrityReporterUpdate,
      'reporter',
      {
        ...example(MessageTemplate.IntegrityReporterUpdate),
        followUpUrl: 'https://1234:5678@example.test/x',
      },
      /no query or fragment/,
    ],
    [
      'an object as an integrity value',
      MessageTemplate.IntegrityOfficerUpdate,
      'officer',
      { ...example(MessageTemplate.IntegrityOfficerUpdate), reportNo: { text: 'report body' } },
      /must be plain values/,
    ],
  ])('refuses %s', (_name, template, kind, params, message) => {
    expect(() => prepareParams(template, kind, params, BASE)).toThrow(InvalidNotificationError);
    expect(() => prepareParams(template, kind, params, BASE)).toThrow(message);
  });
});
