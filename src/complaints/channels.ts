/** ช่องทาง: how a complaint reached the organisation. `web` is the public form; the others are registered by officers. */
export enum ComplaintChannel {
  Web = 'web',
  WalkIn = 'walk_in',
  Phone = 'phone',
  Letter = 'letter',
  ComplaintBox = 'complaint_box',
  Facebook = 'facebook',
  Line = 'line',
  Email = 'email',
  ReferralDamrongdhama = 'referral_damrongdhama',
  Referral1111 = 'referral_1111',
  ReferralOtherAgency = 'referral_other_agency',
}

export const OFFICER_CHANNELS = Object.values(ComplaintChannel).filter((c) => c !== ComplaintChannel.Web);

export const CHANNEL_LABELS: Record<ComplaintChannel, { th: string; en: string }> = {
  web: { th: 'เว็บไซต์', en: 'Web form' },
  walk_in: { th: 'ยื่นด้วยตนเอง', en: 'Walk-in' },
  phone: { th: 'โทรศัพท์', en: 'Phone' },
  letter: { th: 'หนังสือ/จดหมาย', en: 'Letter' },
  complaint_box: { th: 'ตู้รับเรื่องร้องเรียน', en: 'Complaint box' },
  facebook: { th: 'Facebook', en: 'Facebook' },
  line: { th: 'LINE', en: 'LINE' },
  email: { th: 'อีเมล', en: 'E-mail' },
  referral_damrongdhama: { th: 'ส่งต่อจากศูนย์ดำรงธรรม', en: 'Referred by Damrongdhama Centre' },
  referral_1111: { th: 'ส่งต่อจากสายด่วน 1111', en: 'Referred by the 1111 hotline' },
  referral_other_agency: { th: 'ส่งต่อจากหน่วยงานอื่น', en: 'Referred by another agency' },
};
