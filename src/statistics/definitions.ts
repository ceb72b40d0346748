/** The definition of every published figure, in Thai and English (also in the README). */
export interface Definition {
  th: string;
  en: string;
}

const COHORT: Definition = {
  th: 'ทุกตัวเลขนับจากเรื่องที่ได้รับในช่วงเวลาที่เลือก (ตามวันที่รับเรื่อง เวลาประเทศไทย) และสถานะของเรื่องเหล่านั้น ณ เวลาที่คำนวณ',
  en: 'Every figure is about the cases received in the period (by date of receipt, Bangkok time) and where they stand when computed.',
};

/** The minimum-sample rule (STATISTICS_MIN_SAMPLE), in every view that publishes percentages. */
const MINIMUM_SAMPLE: Definition = {
  th: 'ไม่แสดงร้อยละเมื่อจำนวนเรื่องที่ใช้คำนวณน้อยกว่าเกณฑ์ขั้นต่ำ (minimumSample) เพื่อไม่ให้เรื่องเพียงไม่กี่เรื่องแสดงเป็นร้อยละที่ชวนเข้าใจผิด แสดงเฉพาะจำนวน',
  en: 'No percentage is published over fewer cases than minimumSample (a single case would show as 100%); the counts are.',
};

export const COMPLAINT_DEFINITIONS: Record<string, Definition> = {
  minimumSample: MINIMUM_SAMPLE,
  period: COHORT,
  received: {
    th: 'จำนวนเรื่องร้องเรียนที่ได้รับ (ไม่รวมข้อเสนอแนะและคำชมเชย ซึ่งนับแยกใน submissionsByKind)',
    en: 'Complaints received (suggestions and compliments are not included; they are counted in submissionsByKind).',
  },
  submissionsByKind: {
    th: 'จำนวนเรื่องที่ได้รับแยกตามประเภท: เรื่องร้องเรียน/ร้องทุกข์ ข้อเสนอแนะ คำชมเชย ทั้งที่ได้รับ ที่ตอบแล้ว และที่ยังไม่ได้ตอบ ตัวเลขอื่นทั้งหมดรวมถึงการดำเนินการภายใน 15 วันนับเฉพาะเรื่องร้องเรียน',
    en: 'Submissions received by kind (complaint, suggestion, compliment): received, answered and open. Every other figure, the 15-day compliance included, counts complaints only.',
  },
  open: {
    th: 'เรื่องที่ยังไม่ได้แจ้งผล (รับเรื่อง ตรวจสอบ มอบหมาย ดำเนินการ รอข้อมูล)',
    en: 'Complaints without an answer yet (received, accepted, assigned, in progress, awaiting information).',
  },
  closed: {
    th: 'เรื่องที่แจ้งผลแล้ว: ดำเนินการแล้วเสร็จ (รวมปิดเรื่อง) ไม่รับเป็นเรื่องร้องเรียน ส่งต่อหน่วยงานอื่น หรือเป็นเรื่องซ้ำ',
    en: 'Complaints answered: resolved (including closed), not accepted, referred elsewhere or duplicate.',
  },
  byStatusGroup: {
    th: 'จำนวนเรื่องตามกลุ่มสถานะปัจจุบัน: อยู่ระหว่างดำเนินการ / แล้วเสร็จ / ไม่รับ / ส่งต่อ / ซ้ำ',
    en: 'Complaints by current status group: in progress / resolved / rejected / referred / duplicate.',
  },
  'deadline.withResult': {
    th: 'เรื่องที่แจ้งผลแล้ว ผลเทียบกับกำหนดเวลาถูกบันทึกถาวรเมื่อแจ้งผล (ไม่เปลี่ยนภายหลัง)',
    en: 'Complaints with a result; the outcome against the deadline is frozen when the result is recorded.',
  },
  'deadline.met': {
    th: 'แจ้งผลภายในกำหนด (ภายใน 15 วัน หรือตามที่หน่วยงานกำหนด นับจากวันถัดจากวันรับเรื่อง)',
    en: 'Result by the due date (15 days, or the organisation’s setting, counted from the day after receipt).',
  },
  'deadline.metByExplanation': {
    th: 'ชี้แจงเหตุผลและขยายเวลาก่อนครบกำหนด แล้วแจ้งผลภายในวันที่ขยาย',
    en: 'An explanation (extension) given before the due date, then the result by the extended date.',
  },
  'deadline.missed': {
    th: 'แจ้งผลหลังกำหนด หรือเลยกำหนดโดยไม่มีทั้งผลและคำชี้แจง',
    en: 'Result after the due date, or the due date passed with neither result nor explanation.',
  },
  'deadline.openPastDeadline': {
    th: 'ยังไม่แจ้งผลและเลยกำหนดแล้ว (ไม่รวมเรื่องที่หยุดนับเวลาเพื่อรอข้อมูลจากผู้ร้อง)',
    en: 'No result yet and the due date has passed (not counting cases paused awaiting the complainant).',
  },
  'deadline.due': {
    th: 'เรื่องที่ถึงกำหนดแล้ว = เรื่องที่แจ้งผลแล้ว + เรื่องที่ยังไม่แจ้งผลแต่เลยกำหนด (เรื่องที่ยังอยู่ในกำหนดไม่นับ)',
    en: 'Cases due = cases with a result + open cases past their due date (cases still within their time are not counted).',
  },
  'deadline.compliancePercent': {
    th: 'ร้อยละการปฏิบัติตามหลัก 15 วัน = (แจ้งผลภายในกำหนด + ชี้แจงก่อนครบกำหนดและแจ้งผลภายในวันที่ขยาย) ÷ เรื่องที่ถึงกำหนดแล้ว × 100',
    en: 'Compliance with the 15-day rule = (results in time + results by an extension explained before the due date) ÷ cases due × 100.',
  },
  'daysToResult.median': {
    th: 'มัธยฐานจำนวนวันตั้งแต่วันรับเรื่องถึงวันแจ้งผล (วันตามปฏิทิน เวลาประเทศไทย)',
    en: 'Median calendar days from the day of receipt to the day of the result (Bangkok dates).',
  },
  'daysToResult.mean': {
    th: 'ค่าเฉลี่ยจำนวนวันตั้งแต่วันรับเรื่องถึงวันแจ้งผล (ทศนิยม 1 ตำแหน่ง)',
    en: 'Mean calendar days from the day of receipt to the day of the result (one decimal).',
  },
  reopened: {
    th: 'เรื่องที่ถูกเปิดใหม่อย่างน้อยหนึ่งครั้งหลังแจ้งผล',
    en: 'Complaints reopened at least once after their result.',
  },
  'satisfaction.responses': {
    th: 'จำนวนผู้ร้องที่ให้คะแนนความพึงพอใจ (1-5 ดาว)',
    en: 'Complainants who rated the service (1-5 stars).',
  },
  'satisfaction.meanRating': { th: 'คะแนนเฉลี่ย (ทศนิยม 2 ตำแหน่ง)', en: 'Mean rating (two decimals).' },
  'satisfaction.satisfiedPercent': {
    th: 'ร้อยละของผู้ให้คะแนน 4 หรือ 5 ดาว เทียบกับเป้าหมายร้อยละ 80',
    en: 'Share of ratings of 4 or 5 stars, against the 80% target.',
  },
  breakdowns: {
    th: 'แยกตามประเภทเรื่อง ช่องทาง หน่วยงานผู้รับผิดชอบ (ปัจจุบัน) และเดือนที่รับเรื่อง ตัวเลขแต่ละช่องนิยามเหมือนตัวเลขรวม',
    en: 'By category, channel, responsible unit (current) and month of receipt; each cell means the same as the headline figure.',
  },
};

export const INTEGRITY_DEFINITIONS: Record<string, Definition> = {
  period: {
    th: 'นับจากเรื่องร้องเรียนการทุจริตและเบาะแสที่ได้รับในช่วงเวลาที่เลือก (ตามวันที่รับเรื่อง) แยกจากเรื่องร้องเรียนทั่วไป',
    en: 'Corruption and misconduct reports received in the period (by day of receipt), separate from general complaints.',
  },
  countedThrough: {
    th: 'นับถึงสิ้นวันก่อนหน้า (เวลาประเทศไทย) เท่านั้น เรื่องที่ได้รับวันนี้จะนับในวันพรุ่งนี้ เพื่อไม่ให้ผู้ใดรู้ได้ว่าผู้แจ้งส่งเรื่องเมื่อใด',
    en: 'Counted up to the end of the previous day (Bangkok time) only: reports received today are counted tomorrow, so that nobody watching the figures learns when a report was sent.',
  },
  received: { th: 'จำนวนเรื่องที่ได้รับ (ตัวเลขจริง)', en: 'Reports received (exact).' },
  completed: {
    th: 'ดำเนินการแล้วเสร็จ: มีคำวินิจฉัยแล้ว (ยุติเรื่อง ส่งต่อ หรือสรุปผลการสืบสวน รวมที่ปิดเรื่องแล้ว) (ตัวเลขจริง)',
    en: 'Completed: a decision was made (not admissible, referred, or investigation concluded; closed included) (exact).',
  },
  inProgress: {
    th: 'อยู่ระหว่างดำเนินการ: รับเรื่อง พิจารณาเบื้องต้น หรือสืบสวนข้อเท็จจริง (ตัวเลขจริง)',
    en: 'In progress: received, being assessed or under fact-finding (exact).',
  },
  byKind: {
    th: 'แยกเป็นเรื่องร้องเรียนการทุจริต และการแจ้งเบาะแส',
    en: 'Complaints of corruption and tip-offs, counted separately.',
  },
  byAllegationType: { th: 'แยกตามลักษณะการกระทำที่ถูกกล่าวหา', en: 'By type of wrongdoing alleged.' },
  byOutcome: {
    th: 'ผลของเรื่องที่แล้วเสร็จ: มีมูล ไม่มีมูล พยานหลักฐานไม่เพียงพอ ส่งต่อหน่วยงานอื่น ไม่รับไว้พิจารณา (รวมเท่ากับเรื่องที่แล้วเสร็จ)',
    en: 'Outcome of completed reports: substantiated, unsubstantiated, insufficient evidence, referred, not admissible (adds up to completed).',
  },
  suppression: {
    th: 'เพื่อไม่ให้ระบุตัวเรื่องใดเรื่องหนึ่งได้ ช่องที่มีค่าน้อยกว่า 3 (0, 1, 2) แสดงเป็น "<3" และหากผลรวมของช่องที่ปกปิดไม่เป็นศูนย์ ช่องที่เล็กที่สุดถัดไปจะแสดงเป็น "x" ด้วย เพื่อไม่ให้คำนวณย้อนจากยอดรวมได้ ยอดรวมเป็นตัวเลขจริง',
    en: 'So that no single report can be singled out, cells below 3 (0, 1, 2) are published as "<3"; when the hidden cells do not add up to zero, the next smallest cell is published as "x" too, so that none can be recovered from the total. Totals are exact.',
  },
};

export const NATIONAL_DEFINITIONS: Record<string, Definition> = {
  ...Object.fromEntries(
    ['period', 'minimumSample', 'received', 'submissionsByKind', 'open', 'closed', 'reopened'].map((k) => [
      k,
      COMPLAINT_DEFINITIONS[k],
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(COMPLAINT_DEFINITIONS).filter(
      ([k]) => k.startsWith('deadline.') || k.startsWith('satisfaction.'),
    ),
  ),
  rows: {
    th: 'หนึ่งแถวต่อหนึ่งองค์กรปกครองส่วนท้องถิ่นที่ใช้ระบบ',
    en: 'One row per local government organisation on this deployment.',
  },
  byProvince: {
    th: 'ผลรวมขององค์กรปกครองส่วนท้องถิ่นในแต่ละจังหวัด ร้อยละคำนวณจากผลรวม (ไม่ใช่ค่าเฉลี่ยของร้อยละ)',
    en: 'Sums over the organisations of each province; percentages are of the sums (not means of percentages).',
  },
  byType: {
    th: 'ผลรวมตามประเภทองค์กรปกครองส่วนท้องถิ่น (อบต. เทศบาลตำบล/เมือง/นคร อบจ. เมืองพัทยา กทม.)',
    en: 'Sums by type of local government (SAO, subdistrict/town/city municipality, PAO, Pattaya, Bangkok).',
  },
};
