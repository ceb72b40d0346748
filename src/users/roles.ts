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
