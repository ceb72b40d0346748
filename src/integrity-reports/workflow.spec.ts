import {
  ACTIONS,
  acceptsMessages,
  AGENCIES,
  AGENCY_TEXT,
  allowedActions,
  IntegrityStatus,
  OUTCOMES,
  OUTCOME_TEXT,
  STATUSES,
  STATUS_TEXT,
  transitionFor,
  TRANSITIONS,
  WorkflowAction,
} from './workflow';

/** The whole state machine, written out by hand: [from, action, to or null when not allowed]. */
const EXPECTED: [IntegrityStatus, WorkflowAction, IntegrityStatus | null][] = [
  ['received', 'start_screening', 'screening'],
  ['received', 'dismiss', null],
  ['received', 'refer', null],
  ['received', 'open_fact_finding', null],
  ['received', 'conclude', null],
  ['received', 'close', null],
  ['screening', 'start_screening', null],
  ['screening', 'dismiss', 'not_admissible'],
  ['screening', 'refer', 'referred'],
  ['screening', 'open_fact_finding', 'fact_finding'],
  ['screening', 'conclude', null],
  ['screening', 'close', null],
  ['not_admissible', 'start_screening', null],
  ['not_admissible', 'dismiss', null],
  ['not_admissible', 'refer', null],
  ['not_admissible', 'open_fact_finding', null],
  ['not_admissible', 'conclude', null],
  ['not_admissible', 'close', 'closed'],
  ['referred', 'start_screening', null],
  ['referred', 'dismiss', null],
  ['referred', 'refer', null],
  ['referred', 'open_fact_finding', null],
  ['referred', 'conclude', null],
  ['referred', 'close', 'closed'],
  ['fact_finding', 'start_screening', null],
  ['fact_finding', 'dismiss', null],
  ['fact_finding', 'refer', null],
  ['fact_finding', 'open_fact_finding', null],
  ['fact_finding', 'conclude', 'concluded'],
  ['fact_finding', 'close', null],
  ['concluded', 'start_screening', null],
  ['concluded', 'dismiss', null],
  ['concluded', 'refer', null],
  ['concluded', 'open_fact_finding', null],
  ['concluded', 'conclude', null],
  ['concluded', 'close', 'closed'],
  ['closed', 'start_screening', null],
  ['closed', 'dismiss', null],
  ['closed', 'refer', null],
  ['closed', 'open_fact_finding', null],
  ['closed', 'conclude', null],
  ['closed', 'close', null],
];

describe('integrity-report workflow', () => {
  it('the expectations cover every status and action pair', () => {
    expect(EXPECTED).toHaveLength(STATUSES.length * ACTIONS.length);
  });

  it.each(EXPECTED)('%s --%s--> %s', (from, action, to) => {
    expect(transitionFor(from, action)?.to ?? null).toBe(to);
  });

  it.each(STATUSES.map((s) => [s]))('allowedActions(%s) lists exactly the allowed steps', (status) => {
    const expected = EXPECTED.filter(([from, , to]) => from === status && to !== null).map(([, a]) => a);
    expect(allowedActions(status).sort()).toEqual(expected.sort());
  });

  it.each([
    ['dismiss', 'dismissal', true, true],
    ['refer', 'referral', true, true],
    ['open_fact_finding', 'factFinding', true, false],
    ['conclude', 'conclusion', true, true],
    ['close', 'closure', false, false],
    ['start_screening', null, false, false],
  ] as const)('%s records %s (required: %s; a decision: %s)', (action, details, required, decision) => {
    const rule = TRANSITIONS.find((t) => t.action === action)!;
    expect(rule.details).toBe(details);
    expect(rule.detailsRequired).toBe(required);
    expect(rule.decision).toBe(decision);
  });

  it('closed is the only status without messages, and nothing leaves it', () => {
    expect(STATUSES.filter((s) => !acceptsMessages(s))).toEqual(['closed']);
    expect(allowedActions('closed')).toEqual([]);
  });

  it('every status is reachable from received', () => {
    const reached = new Set<IntegrityStatus>(['received']);
    for (let changed = true; changed;) {
      changed = false;
      for (const t of TRANSITIONS) {
        if (t.from.some((f) => reached.has(f)) && !reached.has(t.to)) {
          reached.add(t.to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });

  it('has Thai and English words for every status, agency and outcome', () => {
    const texts = [
      ...STATUSES.map((s) => STATUS_TEXT[s]),
      ...AGENCIES.map((a) => AGENCY_TEXT[a]),
      ...OUTCOMES.map((o) => OUTCOME_TEXT[o]),
    ];
    for (const text of texts) {
      expect(text.th).toMatch(/[\u0E00-\u0E7F]/);
      expect(text.en).toMatch(/^[A-Z]/);
    }
  });
});
