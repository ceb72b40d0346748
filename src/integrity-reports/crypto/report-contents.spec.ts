import { WorkflowRecord } from '../entities/integrity-report.entity';
import { joinParticulars, splitParticulars } from './report-contents';

describe('particulars of workflow steps: officer-written text sealed, the rest plain', () => {
  it.each<[string, WorkflowRecord, object, object]>([
    ['nothing yet', {}, {}, {}],
    [
      'a dismissal',
      { dismissal: { reason: 'นอกอำนาจ' } },
      { dismissal: {} },
      { dismissal: { reason: 'นอกอำนาจ' } },
    ],
    [
      'a referral (all plain)',
      { referral: { agency: 'nacc', referredOn: '2026-01-02', letterNumber: 'ที่ 1/2569' } },
      { referral: { agency: 'nacc', referredOn: '2026-01-02', letterNumber: 'ที่ 1/2569' } },
      {},
    ],
    [
      'fact-finding and a conclusion',
      {
        factFinding: { orderNumber: '3/2569', orderDate: '2026-02-01', committee: [{ name: 'นาย ก' }] },
        conclusion: {
          outcome: 'substantiated',
          summary: 'มีมูล',
          actionsTaken: [{ kind: 'disciplinary', description: 'ตั้งกรรมการ' }],
        },
      },
      {
        factFinding: { orderNumber: '3/2569', orderDate: '2026-02-01' },
        conclusion: { outcome: 'substantiated' },
      },
      {
        factFinding: { committee: [{ name: 'นาย ก' }] },
        conclusion: { summary: 'มีมูล', actionsTaken: [{ kind: 'disciplinary', description: 'ตั้งกรรมการ' }] },
      },
    ],
    ['a closure without a note', { closure: {} }, { closure: {} }, {}],
  ])('%s', (_, workflow, plain, secret) => {
    const split = splitParticulars(workflow);
    expect(split).toEqual({ plain, secret });
    expect(joinParticulars(split.plain, split.secret)).toEqual(workflow);
  });
});
