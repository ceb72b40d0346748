import { mailJobId } from './mail-job';
import { DIGEST_LIST_LIMIT, digestSection, messageIdDomain } from './notifications.service';

const item = (n: number, dueDate: string) => ({ referenceNo: `ร.${n}`, dueDate, caseUrl: `/c/${n}` });

describe('digestSection', () => {
  it('sorts by due date, then reference', () => {
    const { list, more } = digestSection([
      item(3, '2026-03-20'),
      item(2, '2026-03-18'),
      item(1, '2026-03-20'),
    ]);
    expect(list.map((i) => i.referenceNo)).toEqual(['ร.2', 'ร.1', 'ร.3']);
    expect(more).toBe(0);
  });

  it.each([
    [0, 0, 0],
    [DIGEST_LIST_LIMIT, DIGEST_LIST_LIMIT, 0],
    [DIGEST_LIST_LIMIT + 7, DIGEST_LIST_LIMIT, 7],
  ])('%i cases: %i listed, %i more', (count, listed, more) => {
    const items = Array.from({ length: count }, (_, i) => item(i, '2026-03-20'));
    expect(digestSection(items)).toMatchObject({ list: { length: listed }, more });
  });
});

describe('messageIdDomain', () => {
  it.each([
    ['Rongrian <no-reply@rongrian.local>', 'rongrian.local'],
    ['อบต.ตัวอย่าง <Mail@Example.GO.th>', 'example.go.th'],
    ['no-reply@plain.test', 'plain.test'],
    ['no address', 'rongrian.example.go.th'],
  ])('%s → %s', (from, domain) => {
    expect(messageIdDomain(from, 'https://rongrian.example.go.th')).toBe(domain);
  });
});

describe('mailJobId', () => {
  it.each([
    ['4f7c', 0, '4f7c'],
    ['4f7c', 2, '4f7c-r2'],
  ])('%s round %i → %s', (id, round, expected) => {
    expect(mailJobId(id, round)).toBe(expected);
  });
});
