/**
 * What an audit entry can be about. Every writer of the trail names one of these (the type is checked),
 * so the audit trail's filter and its labels list them all.
 */
export const AUDIT_ENTITY_LABELS = {
  complaint: { th: 'เรื่องร้องเรียน', en: 'Complaint' },
  integrity_report: { th: 'เรื่องทุจริต', en: 'Integrity report' },
  integrity_identity_request: { th: 'คำขอเปิดเผยตัวผู้แจ้ง', en: 'Identity request' },
  integrity_key: { th: 'กุญแจเข้ารหัสเรื่องทุจริต', en: 'Integrity key' },
  user: { th: 'ผู้ใช้', en: 'User' },
  role_request: { th: 'คำขอสิทธิ์', en: 'Role request' },
  unit: { th: 'หน่วยงาน', en: 'Unit' },
  complaint_category: { th: 'ประเภทเรื่อง', en: 'Complaint category' },
  holiday: { th: 'วันหยุด', en: 'Holiday' },
  organization: { th: 'องค์กร', en: 'Organisation' },
  mail_message: { th: 'จดหมายอิเล็กทรอนิกส์', en: 'E-mail' },
  annual_report: { th: 'รายงานประจำปี', en: 'Annual report' },
} satisfies Record<string, { th: string; en: string }>;

export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;
