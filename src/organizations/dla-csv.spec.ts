import { changesFor, parseDlaCsv } from './dla-csv';
import { OrganizationType, organizationTypeOf } from './organization-types';

describe('organisation types as the DLA list writes them', () => {
  it.each([
    ['อบต.', OrganizationType.Sao],
    ['องค์การบริหารส่วนตำบล', OrganizationType.Sao],
    ['ทต.', OrganizationType.SubdistrictMunicipality],
    ['เทศบาลตำบล', OrganizationType.SubdistrictMunicipality],
    ['เทศบาลเมือง', OrganizationType.TownMunicipality],
    ['ท.ม.', OrganizationType.TownMunicipality],
    ['เทศบาลนคร', OrganizationType.CityMunicipality],
    ['อ.บ.จ.', OrganizationType.Pao],
    ['เมืองพัทยา', OrganizationType.Pattaya],
    ['กทม.', OrganizationType.Bangkok],
    ['city_municipality', OrganizationType.CityMunicipality],
    [' SAO ', OrganizationType.Sao],
    ['อำเภอ', null],
    ['', null],
  ])('%p → %p', (text, type) => {
    expect(organizationTypeOf(text)).toBe(type);
  });
});

describe('parseDlaCsv', () => {
  const HEADER = 'ลำดับ,รหัส อปท.,ชื่อ อปท.,ประเภท อปท.,อำเภอ,จังหวัด';

  it('reads Thai headers behind a byte-order mark, ignoring unknown columns; absent columns stay undefined', () => {
    const { rows, problems } = parseDlaCsv(`\uFEFF${HEADER}\r\n1,6630102,อบต.ไม้งาม,อบต.,เมืองตาก,ตาก\r\n`);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        dlaCode: '6630102',
        nameTh: 'อบต.ไม้งาม',
        type: OrganizationType.Sao,
        province: 'ตาก',
        district: 'เมืองตาก',
        nameEn: undefined,
        contactEmail: undefined,
        contactPhone: undefined,
        address: undefined,
      },
    ]);
  });

  it('reads English headers, quoted fields and an empty district (อบจ.)', () => {
    const { rows } = parseDlaCsv(
      'dla_code,name_th,type,province,district,email,slug\n6630101,"อบจ.ตาก, จังหวัดตาก",pao,ตาก,,pao@tak.go.th,pao-tak\n',
    );
    expect(rows[0]).toMatchObject({
      nameTh: 'อบจ.ตาก, จังหวัดตาก',
      type: OrganizationType.Pao,
      district: null,
      contactEmail: 'pao@tak.go.th',
      slug: 'pao-tak',
    });
  });

  it.each([
    ['a code that is not digits', '1,66-301,อบต.ก,อบต.,เมือง,ตาก', 'dlaCode'],
    ['an unknown type', '1,6630102,อบต.ก,อำเภอ,เมือง,ตาก', 'type'],
    ['no name', '1,6630102,,อบต.,เมือง,ตาก', 'nameTh'],
    ['no province', '1,6630102,อบต.ก,อบต.,เมือง,', 'province'],
  ])('%s is a problem of its line', (_, line, field) => {
    const { rows, problems } = parseDlaCsv(`${HEADER}\n${line}\n`);
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 2, field })]);
  });

  it('a code twice is a problem naming the first line', () => {
    const { problems } = parseDlaCsv(`${HEADER}\n1,6630102,ก,อบต.,ข,ตาก\n2,6630102,ค,อบต.,ข,ตาก\n`);
    expect(problems).toEqual([{ line: 3, field: 'dlaCode', message: '6630102 is also on line 2' }]);
  });

  it('a file without a required column is refused at its header', () => {
    const { problems } = parseDlaCsv('รหัส อปท.,ชื่อ อปท.,จังหวัด\n6630102,ก,ตาก\n');
    expect(problems).toEqual([expect.objectContaining({ line: 1, field: 'type' })]);
  });
});

describe('changesFor', () => {
  const existing = {
    slug: 'mai-ngam',
    dlaCode: '6630102',
    nameTh: 'อบต.ไม้งาม',
    type: OrganizationType.Sao,
    province: 'ตาก',
    district: 'เมืองตาก',
    nameEn: 'Mai Ngam',
    contactEmail: null,
    contactPhone: null,
    address: null,
  };
  const row = { dlaCode: '6630102', nameTh: 'อบต.ไม้งาม', type: OrganizationType.Sao, province: 'ตาก' };

  it.each([
    ['the same row', row, null],
    ['absent columns keep their values', { ...row, district: undefined, nameEn: undefined }, null],
    ['a new district', { ...row, district: 'วังเจ้า' }, { district: 'วังเจ้า' }],
    ['an emptied phone stays empty', { ...row, contactPhone: null }, null],
    [
      'a new type and name',
      { ...row, type: OrganizationType.SubdistrictMunicipality, nameTh: 'ทต.ไม้งาม' },
      {
        type: OrganizationType.SubdistrictMunicipality,
        nameTh: 'ทต.ไม้งาม',
      },
    ],
    ['a slug in the file does not rename', { ...row, slug: 'other' }, null],
  ])('%s', (_, incoming, expected) => {
    expect(changesFor(existing, incoming)).toEqual(expected);
  });
});
