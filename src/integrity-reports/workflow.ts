/**
 * The integrity-report workflow as data: one table of transitions that the service applies, the API
 * documents (GET /integrity-reports/workflow) and the tests iterate over.
 *
 *   received → screening → not_admissible (ยุติเรื่อง)
 *                        → referred (ส่งต่อหน่วยงานภายนอก)
 *                        → fact_finding (สืบสวนข้อเท็จจริง) → concluded
 *   not_admissible | referred | concluded → closed
 */
export const STATUSES = [
  'received',
  'screening',
  'not_admissible',
  'referred',
  'fact_finding',
  'concluded',
  'closed',
] as const;
export type IntegrityStatus = (typeof STATUSES)[number];

export const ACTIONS = [
  'start_screening',
  'dismiss',
  'refer',
  'open_fact_finding',
  'conclude',
  'close',
] as const;
export type WorkflowAction = (typeof ACTIONS)[number];

/** The part of a transition request that carries this action's particulars. */
export type TransitionDetails = 'dismissal' | 'referral' | 'factFinding' | 'conclusion' | 'closure';

export interface TransitionRule {
  action: WorkflowAction;
  from: readonly IntegrityStatus[];
  to: IntegrityStatus;
  /** which details the request carries, and whether they are required */
  details: TransitionDetails | null;
  detailsRequired: boolean;
  /** a decision on the report that the reporter sees: it answers the reporter and is the result */
  decision: boolean;
  labelTh: string;
  labelEn: string;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  {
    action: 'start_screening',
    from: ['received'],
    to: 'screening',
    details: null,
    detailsRequired: false,
    decision: false,
    labelTh: 'เริ่มพิจารณาเบื้องต้น',
    labelEn: 'Start screening',
  },
  {
    action: 'dismiss',
    from: ['screening'],
    to: 'not_admissible',
    details: 'dismissal',
    detailsRequired: true,
    decision: true,
    labelTh: 'ยุติเรื่อง (ไม่รับไว้พิจารณา)',
    labelEn: 'Not admissible',
  },
  {
    action: 'refer',
    from: ['screening'],
    to: 'referred',
    details: 'referral',
    detailsRequired: true,
    decision: true,
    labelTh: 'ส่งต่อหน่วยงานที่มีอำนาจหน้าที่',
    labelEn: 'Refer to an outside agency',
  },
  {
    action: 'open_fact_finding',
    from: ['screening'],
    to: 'fact_finding',
    details: 'factFinding',
    detailsRequired: true,
    decision: false,
    labelTh: 'แต่งตั้งคณะกรรมการสืบสวนข้อเท็จจริง',
    labelEn: 'Open a fact-finding investigation',
  },
  {
    action: 'conclude',
    from: ['fact_finding'],
    to: 'concluded',
    details: 'conclusion',
    detailsRequired: true,
    decision: true,
    labelTh: 'สรุปผลการสืบสวน',
    labelEn: 'Conclude',
  },
  {
    action: 'close',
    from: ['not_admissible', 'referred', 'concluded'],
    to: 'closed',
    details: 'closure',
    detailsRequired: false,
    decision: false,
    labelTh: 'ปิดเรื่อง',
    labelEn: 'Close',
  },
];

export const AGENCIES = ['nacc', 'pacc', 'oag', 'damrongdhama', 'police', 'dla', 'other'] as const;
export type Agency = (typeof AGENCIES)[number];

export const OUTCOMES = ['substantiated', 'unsubstantiated', 'insufficient_evidence'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const ACTION_TAKEN_KINDS = ['disciplinary', 'criminal', 'administrative', 'other'] as const;
export type ActionTakenKind = (typeof ACTION_TAKEN_KINDS)[number];

export const KINDS = ['complaint', 'tip'] as const;
export type ReportKind = (typeof KINDS)[number];

export const REPORTER_RELATIONS = ['citizen', 'staff', 'contractor', 'other'] as const;
export type ReporterRelation = (typeof REPORTER_RELATIONS)[number];

/** The rule for `action` taken in `from`, or null when the workflow does not allow it. */
export function transitionFor(from: IntegrityStatus, action: WorkflowAction): TransitionRule | null {
  return TRANSITIONS.find((t) => t.action === action && t.from.includes(from)) ?? null;
}

export function allowedActions(status: IntegrityStatus): WorkflowAction[] {
  return TRANSITIONS.filter((t) => t.from.includes(status)).map((t) => t.action);
}

/** Messages (both ways) can be exchanged until the report is closed. */
export function acceptsMessages(status: IntegrityStatus): boolean {
  return status !== 'closed';
}

interface Text {
  th: string;
  en: string;
}

/** What each status means, in words a reporter understands. */
export const STATUS_TEXT: Record<IntegrityStatus, Text> = {
  received: {
    th: 'ได้รับเรื่องแล้ว รอเจ้าหน้าที่ตรวจสอบ',
    en: 'Received; waiting to be assessed by an integrity officer.',
  },
  screening: {
    th: 'เจ้าหน้าที่กำลังพิจารณาเรื่องเบื้องต้น',
    en: 'An integrity officer is assessing the report.',
  },
  not_admissible: {
    th: 'ยุติเรื่อง: ไม่อาจรับไว้ดำเนินการต่อได้ (ดูเหตุผลในข้อความจากเจ้าหน้าที่)',
    en: 'Not admissible: the report cannot be taken further (see the officers’ message for why).',
  },
  referred: {
    th: 'ส่งเรื่องต่อให้หน่วยงานที่มีอำนาจหน้าที่แล้ว',
    en: 'Referred to the agency responsible for it.',
  },
  fact_finding: {
    th: 'อยู่ระหว่างการสืบสวนข้อเท็จจริง',
    en: 'A fact-finding investigation is under way.',
  },
  concluded: { th: 'สรุปผลการสืบสวนแล้ว', en: 'The investigation has been concluded.' },
  closed: { th: 'ปิดเรื่องแล้ว', en: 'Closed.' },
};

export const AGENCY_TEXT: Record<Agency, Text> = {
  nacc: {
    th: 'สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (ป.ป.ช.)',
    en: 'National Anti-Corruption Commission (NACC)',
  },
  pacc: {
    th: 'สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (ป.ป.ท.)',
    en: 'Public Sector Anti-Corruption Commission (PACC)',
  },
  oag: { th: 'สำนักงานการตรวจเงินแผ่นดิน (สตง.)', en: 'State Audit Office (OAG)' },
  damrongdhama: { th: 'ศูนย์ดำรงธรรม', en: 'Damrongdhama Centre' },
  police: { th: 'สำนักงานตำรวจแห่งชาติ', en: 'Royal Thai Police' },
  dla: { th: 'กรมส่งเสริมการปกครองท้องถิ่น', en: 'Department of Local Administration' },
  other: { th: 'หน่วยงานอื่น', en: 'Another agency' },
};

export const KIND_TEXT: Record<ReportKind, Text> = {
  complaint: { th: 'ร้องเรียนการทุจริต/ประพฤติมิชอบ', en: 'Complaint about corruption or misconduct' },
  tip: { th: 'แจ้งเบาะแส', en: 'Tip-off' },
};

export const OUTCOME_TEXT: Record<Outcome, Text> = {
  substantiated: { th: 'มีมูล', en: 'Substantiated' },
  unsubstantiated: { th: 'ไม่มีมูล', en: 'Unsubstantiated' },
  insufficient_evidence: { th: 'พยานหลักฐานไม่เพียงพอ', en: 'Insufficient evidence' },
};

/** The kinds of action taken after a substantiated report (a conclusion's actionsTaken[].kind). */
export const ACTION_TAKEN_TEXT: Record<ActionTakenKind, Text> = {
  disciplinary: { th: 'ทางวินัย', en: 'Disciplinary' },
  criminal: { th: 'ทางอาญา', en: 'Criminal' },
  administrative: { th: 'ทางปกครอง', en: 'Administrative' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};

/** Who the reporter is to the organisation (reporterRelation), as the report form offers it. */
export const REPORTER_RELATION_TEXT: Record<ReporterRelation, Text> = {
  citizen: { th: 'ประชาชน', en: 'Citizen' },
  staff: { th: 'บุคลากรของหน่วยงาน', en: 'Staff of the organisation' },
  contractor: { th: 'ผู้รับจ้าง/คู่สัญญา', en: 'Contractor' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
