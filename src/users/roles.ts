/** Officer roles. A user holds one or more. */
export enum Role {
  Admin = 'admin',
  Intake = 'intake',
  Officer = 'officer',
  UnitHead = 'unit_head',
  Supervisor = 'supervisor',
  IntegrityOfficer = 'integrity_officer',
  Custodian = 'custodian',
  Executive = 'executive',
}

export const ALL_ROLES = Object.values(Role);

/** What each role is called on screen. */
export const ROLE_LABELS: Record<Role, { th: string; en: string }> = {
  admin: { th: 'ผู้ดูแลระบบ', en: 'Administrator' },
  intake: { th: 'เจ้าหน้าที่รับเรื่อง', en: 'Intake officer' },
  officer: { th: 'เจ้าหน้าที่ผู้รับผิดชอบ', en: 'Case officer' },
  unit_head: { th: 'หัวหน้าหน่วยงาน', en: 'Unit head' },
  supervisor: { th: 'ผู้ควบคุมดูแลเรื่องร้องเรียน', en: 'Supervisor' },
  integrity_officer: { th: 'เจ้าหน้าที่ศูนย์ปฏิบัติการต่อต้านการทุจริต', en: 'Integrity officer' },
  custodian: { th: 'ผู้เก็บรักษาข้อมูลผู้แจ้ง', en: 'Identity custodian' },
  executive: { th: 'ผู้บริหาร', en: 'Executive' },
};
