/**
 * What each seeded complaint category covers, in Thai, for the public form's chooser (the names alone
 * send a broken street light and a flooded road to the same guess). Keyed by code. These are the
 * defaults: a description an administrator writes on the category (description_th) replaces them.
 */
export const CATEGORY_DESCRIPTIONS_TH: Readonly<Record<string, string>> = {
  other: 'ไม่แน่ใจว่าเป็นเรื่องประเภทใด หรือไม่ตรงกับหมวดอื่น เจ้าหน้าที่จะตรวจสอบและส่งให้หน่วยงานที่เกี่ยวข้อง',
  roads: 'ถนนชำรุด เป็นหลุมบ่อ ทางเดิน ทางเท้า สะพาน ป้ายจราจร',
  street_lighting: 'ไฟถนนดับ ไฟกะพริบ เสาไฟชำรุด ขอติดตั้งไฟส่องสว่างเพิ่ม',
  drainage: 'ท่อระบายน้ำอุดตัน รางระบายน้ำ น้ำท่วมขัง',
  drinking_water: 'น้ำประปาไม่ไหล ไหลอ่อน น้ำขุ่น ท่อประปาแตก',
  waste: 'ขยะไม่ได้จัดเก็บ ถังขยะ การทิ้งขยะในที่สาธารณะ',
  nuisance: 'เสียงดัง กลิ่นเหม็น ควัน ฝุ่น การเผาในที่โล่ง',
  child_youth_development: 'กิจกรรมและบริการสำหรับเด็กและเยาวชน ศูนย์พัฒนาเด็กเล็ก',
  sports: 'สนามกีฬา ลานกีฬา อุปกรณ์และกิจกรรมกีฬา',
  elderly: 'เบี้ยยังชีพผู้สูงอายุ การดูแลและกิจกรรมผู้สูงอายุ',
  disadvantaged: 'เบี้ยความพิการ ผู้ป่วยเอดส์ ผู้ยากไร้ และผู้ด้อยโอกาส',
  health: 'โรคติดต่อ ยุงลาย สุขาภิบาลอาหาร งานสาธารณสุขมูลฐาน',
  women_development: 'กิจกรรมและการส่งเสริมกลุ่มสตรี',
  occupation_promotion: 'การฝึกอาชีพ กลุ่มอาชีพ การส่งเสริมรายได้',
  disaster_prevention: 'อัคคีภัย อุทกภัย วาตภัย ต้นไม้ล้ม การช่วยเหลือผู้ประสบภัย',
  religion_culture: 'งานประเพณี ศาสนสถาน ศิลปะและวัฒนธรรมท้องถิ่น',
  tourism: 'แหล่งท่องเที่ยว การประชาสัมพันธ์และส่งเสริมการท่องเที่ยว',
  natural_resources_environment: 'ป่า แหล่งน้ำ ต้นไม้ การบุกรุกที่สาธารณะ สิ่งแวดล้อม',
  education: 'โรงเรียน ศูนย์การเรียนรู้ อาหารกลางวันและอาหารเสริม (นม)',
  government_urgent_policy: 'ไฟป่าและหมอกควัน ผักตบชวา น้ำเสีย ยาเสพติด ตามนโยบายเร่งด่วนของรัฐบาล',
  staff_conduct: 'การให้บริการหรือพฤติกรรมของเจ้าหน้าที่ (เรื่องทุจริตให้แจ้งทางช่องทางแจ้งเบาะแสการทุจริต)',
};

/** The neutral choice the public form starts on, so that nobody is nudged into a category. */
export const NEUTRAL_CATEGORY_CODE = 'other';

/**
 * The public order: the neutral "other / not sure" category first, then the rest in the
 * organisation's sort order (unchanged for the officers' lists).
 */
export function publicCategoryOrder<T extends { code: string }>(categories: readonly T[]): T[] {
  return [
    ...categories.filter((c) => c.code === NEUTRAL_CATEGORY_CODE),
    ...categories.filter((c) => c.code !== NEUTRAL_CATEGORY_CODE),
  ];
}

/** The description a citizen reads: the administrator's own, else the built-in default for a seeded code. */
export function categoryDescriptionTh(c: { code: string; descriptionTh: string | null }): string | null {
  return c.descriptionTh ?? CATEGORY_DESCRIPTIONS_TH[c.code] ?? null;
}
