/**
 * Every kind of message the service sends. The value names the folder of its template files
 * (src/notifications/templates/<value>/{subject.txt, body.txt, body.html}).
 */
export enum MessageTemplate {
  // to the complainant (only contacts given with consent)
  ComplaintAcknowledged = 'complaint.acknowledged',
  ComplaintPublicReply = 'complaint.public_reply',
  ComplaintExtended = 'complaint.extended',
  ComplaintOverdueNotice = 'complaint.overdue_notice',
  ComplaintInfoRequested = 'complaint.info_requested',
  ComplaintResolved = 'complaint.resolved',
  ComplaintRatingInvitation = 'complaint.rating_invitation',
  // to officers
  OfficerNewCase = 'officer.new_case',
  OfficerAssigned = 'officer.assigned',
  OfficerComplainantAnswered = 'officer.complainant_answered',
  OfficerReminder = 'officer.reminder',
  OfficerOverdue = 'officer.overdue',
  OfficerDailyDigest = 'officer.daily_digest',
  OfficerAccountLink = 'officer.account_link',
  // integrity reports: NEVER any content, never the receipt
  IntegrityOfficerUpdate = 'integrity.officer_update',
  IntegrityReporterUpdate = 'integrity.reporter_update',
  IntegrityIdentityRequest = 'integrity.identity_request',
}

export type RecipientKind = 'complainant' | 'reporter' | 'officer';
export const RECIPIENT_KINDS: readonly RecipientKind[] = ['complainant', 'reporter', 'officer'];
/** Who a message is for, on screen (GET /labels). */
export const RECIPIENT_KIND_LABELS: Record<RecipientKind, { th: string; en: string }> = {
  complainant: { th: 'ผู้ร้องเรียน', en: 'complainant' },
  reporter: { th: 'ผู้แจ้งเบาะแส', en: 'reporter' },
  officer: { th: 'เจ้าหน้าที่', en: 'officer' },
};

export interface TemplateSpec {
  /** who may receive it: a complainant template never goes to an officer and the reverse */
  audience: RecipientKind;
  /** params the template needs; enqueue refuses a message missing one */
  params: readonly string[];
  /**
   * Integrity templates take exactly `params` and nothing else, and their links carry no query or
   * fragment, so that no report content or receipt can reach a mail by mistake.
   */
  closed?: boolean;
  /** sample values: the tests render every template with them, and the README shows them */
  example: Record<string, unknown>;
  /**
   * Params that only the recipient's resolver supplies, when the message is sent (a secret link):
   * enqueue refuses them, so they are never stored in the outbox. With sample values.
   */
  resolved?: Record<string, unknown>;
}

const ORG = 'องค์การบริหารส่วนตำบลตัวอย่าง';
const BASE = 'https://rongrian.example.go.th';
const digestItem = (n: number, dueDate: string) => ({
  referenceNo: `ร.2569/${String(n).padStart(5, '0')}`,
  dueDate,
  caseUrl: `${BASE}/officer/complaints/${n}`,
});

/** One entry per template: audience, required params and an example. */
export const TEMPLATES: Record<MessageTemplate, TemplateSpec> = {
  [MessageTemplate.ComplaintAcknowledged]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingCode', 'trackingUrl', 'subject', 'dueDate'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingCode: 'K7QM-4XPD',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      subject: 'ไฟฟ้าส่องสว่างดับ ซอย 3 หมู่ 5',
      dueDate: '2026-03-20',
    },
  },
  [MessageTemplate.ComplaintPublicReply]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl', 'message'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      message: 'กองช่างได้ส่งเจ้าหน้าที่ไปตรวจสอบแล้ว จะเปลี่ยนหลอดไฟภายในสัปดาห์นี้',
    },
  },
  [MessageTemplate.ComplaintExtended]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl', 'reason', 'previousDueDate', 'newDueDate'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      reason: 'รอการจัดซื้อหลอดไฟตามระเบียบพัสดุ',
      previousDueDate: '2026-03-20',
      newDueDate: '2026-04-10',
    },
  },
  [MessageTemplate.ComplaintOverdueNotice]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl', 'dueDate'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      dueDate: '2026-03-20',
    },
  },
  [MessageTemplate.ComplaintInfoRequested]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl', 'message'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      message: 'กรุณาแจ้งหมายเลขเสาไฟฟ้าที่ดับ',
    },
  },
  [MessageTemplate.ComplaintResolved]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl', 'result'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      trackingUrl: `${BASE}/track/K7QM-4XPD`,
      result: 'เปลี่ยนหลอดไฟเรียบร้อยแล้วเมื่อวันที่ 18 มีนาคม 2569',
    },
  },
  [MessageTemplate.ComplaintRatingInvitation]: {
    audience: 'complainant',
    params: ['orgName', 'referenceNo', 'trackingUrl'],
    example: { orgName: ORG, referenceNo: 'ร.2569/00042', trackingUrl: `${BASE}/track/K7QM-4XPD` },
  },
  [MessageTemplate.OfficerNewCase]: {
    audience: 'officer',
    params: ['orgName', 'referenceNo', 'caseUrl', 'unitName', 'categoryName', 'dueDate'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      caseUrl: `${BASE}/officer/complaints/42`,
      unitName: 'กองช่าง',
      categoryName: 'ไฟฟ้าส่องสว่าง',
      dueDate: '2026-03-20',
    },
  },
  [MessageTemplate.OfficerAssigned]: {
    audience: 'officer',
    params: ['orgName', 'referenceNo', 'caseUrl', 'dueDate'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      caseUrl: `${BASE}/officer/complaints/42`,
      dueDate: '2026-03-20',
    },
  },
  [MessageTemplate.OfficerComplainantAnswered]: {
    audience: 'officer',
    params: ['orgName', 'referenceNo', 'caseUrl', 'clockResumed'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      caseUrl: `${BASE}/officer/complaints/42`,
      clockResumed: true,
    },
  },
  [MessageTemplate.OfficerReminder]: {
    audience: 'officer',
    params: ['orgName', 'referenceNo', 'caseUrl', 'dueDate', 'workingDaysLeft'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      caseUrl: `${BASE}/officer/complaints/42`,
      dueDate: '2026-03-20',
      workingDaysLeft: 2,
    },
  },
  [MessageTemplate.OfficerOverdue]: {
    audience: 'officer',
    params: ['orgName', 'referenceNo', 'caseUrl', 'dueDate', 'unitName', 'veryOverdue'],
    example: {
      orgName: ORG,
      referenceNo: 'ร.2569/00042',
      caseUrl: `${BASE}/officer/complaints/42`,
      dueDate: '2026-03-20',
      unitName: 'กองช่าง',
      veryOverdue: true,
    },
  },
  [MessageTemplate.OfficerDailyDigest]: {
    audience: 'officer',
    params: ['orgName', 'unitName', 'date', 'dueSoon', 'overdue'],
    example: {
      orgName: ORG,
      unitName: 'กองช่าง',
      date: '2026-03-18',
      dueSoon: [digestItem(42, '2026-03-20'), digestItem(43, '2026-03-23')],
      overdue: [digestItem(17, '2026-03-02')],
    },
  },
  [MessageTemplate.OfficerAccountLink]: {
    audience: 'officer',
    params: ['orgName', 'displayName', 'email', 'invitation', 'validHours'],
    example: {
      orgName: ORG,
      displayName: 'สมชาย ใจดี',
      email: 'somchai@example.go.th',
      invitation: true,
      validHours: 24,
    },
    resolved: { linkUrl: `${BASE}/officer/set-password#k3J9xQ2vL8mN4pR7sT1uW6yZ0aB5cD8eF2gH4jK6mN0` },
  },
  [MessageTemplate.IntegrityOfficerUpdate]: {
    audience: 'officer',
    params: ['orgName', 'reportNo', 'caseUrl'],
    closed: true,
    example: { orgName: ORG, reportNo: 'IR-2569-0007', caseUrl: `${BASE}/officer/integrity-reports/7` },
  },
  [MessageTemplate.IntegrityReporterUpdate]: {
    audience: 'reporter',
    params: ['orgName', 'followUpUrl'],
    closed: true,
    example: { orgName: ORG, followUpUrl: `${BASE}/integrity/follow-up` },
  },
  [MessageTemplate.IntegrityIdentityRequest]: {
    audience: 'officer',
    params: ['orgName', 'reportNo', 'requestsUrl'],
    closed: true,
    example: {
      orgName: ORG,
      reportNo: 'IR-2569-0007',
      requestsUrl: `${BASE}/officer/integrity-reports/identity-requests`,
    },
  },
};

/** Integrity messages: neither their params nor the reporter's address are ever shown or kept longer than needed. */
export const isIntegrityTemplate = (template: string): boolean => template.startsWith('integrity.');
