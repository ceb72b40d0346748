/**
 * Kinds of local government (องค์กรปกครองส่วนท้องถิ่น). The codes are stored; the Thai names are
 * what the DLA list prints and what the import accepts (with a few common spellings).
 */
export enum OrganizationType {
  /** องค์การบริหารส่วนตำบล */
  Sao = 'sao',
  /** เทศบาลตำบล */
  SubdistrictMunicipality = 'subdistrict_municipality',
  /** เทศบาลเมือง */
  TownMunicipality = 'town_municipality',
  /** เทศบาลนคร */
  CityMunicipality = 'city_municipality',
  /** องค์การบริหารส่วนจังหวัด */
  Pao = 'pao',
  /** เมืองพัทยา */
  Pattaya = 'pattaya',
  /** กรุงเทพมหานคร */
  Bangkok = 'bangkok',
}

export const ORGANIZATION_TYPES = Object.values(OrganizationType);

/** Thai label (short form, as in the DLA list) and English name of each type. */
export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, { th: string; en: string }> = {
  [OrganizationType.Sao]: { th: 'อบต.', en: 'Subdistrict Administrative Organisation' },
  [OrganizationType.SubdistrictMunicipality]: { th: 'เทศบาลตำบล', en: 'Subdistrict Municipality' },
  [OrganizationType.TownMunicipality]: { th: 'เทศบาลเมือง', en: 'Town Municipality' },
  [OrganizationType.CityMunicipality]: { th: 'เทศบาลนคร', en: 'City Municipality' },
  [OrganizationType.Pao]: { th: 'อบจ.', en: 'Provincial Administrative Organisation' },
  [OrganizationType.Pattaya]: { th: 'เมืองพัทยา', en: 'Pattaya City' },
  [OrganizationType.Bangkok]: { th: 'กทม.', en: 'Bangkok Metropolitan Administration' },
};

const SPELLINGS: [string, OrganizationType][] = [
  ['อบต', OrganizationType.Sao],
  ['องค์การบริหารส่วนตำบล', OrganizationType.Sao],
  ['ทต', OrganizationType.SubdistrictMunicipality],
  ['เทศบาลตำบล', OrganizationType.SubdistrictMunicipality],
  ['ทม', OrganizationType.TownMunicipality],
  ['เทศบาลเมือง', OrganizationType.TownMunicipality],
  ['ทน', OrganizationType.CityMunicipality],
  ['เทศบาลนคร', OrganizationType.CityMunicipality],
  ['อบจ', OrganizationType.Pao],
  ['องค์การบริหารส่วนจังหวัด', OrganizationType.Pao],
  ['เมืองพัทยา', OrganizationType.Pattaya],
  ['กทม', OrganizationType.Bangkok],
  ['กรุงเทพมหานคร', OrganizationType.Bangkok],
];

/** The type named by `text` (a code, or a Thai name with or without the abbreviation dots), or null. */
export function organizationTypeOf(text: string): OrganizationType | null {
  const t = text.trim().replace(/\./g, '').replace(/\s+/g, '');
  if ((ORGANIZATION_TYPES as string[]).includes(t.toLowerCase())) return t.toLowerCase() as OrganizationType;
  return SPELLINGS.find(([spelling]) => spelling === t)?.[1] ?? null;
}
