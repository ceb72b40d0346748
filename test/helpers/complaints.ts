import { TestApp } from './test-app';

/** A citizen's complaint as the web form sends it (street lighting, e-mail with consent). */
export function lightingComplaint(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    categoryCode: 'street_lighting',
    subject: 'ไฟถนนดับ',
    description: 'ไฟถนนดับทั้งซอย',
    complainant: { name: 'มานี', email: 'manee@example.com', consentToContact: true },
    ...overrides,
  };
}

export interface FiledComplaint {
  /** the complaint's id, read from the database (the citizen's receipt does not carry it) */
  id: string;
  /** the answer the citizen got */
  receipt: { referenceNo: string; trackingCode: string; dueDate: string; [field: string]: unknown };
}

/** Files a complaint through the public route (201 required) and finds its id. */
export async function fileComplaint(
  t: TestApp,
  payload: object = lightingComplaint(),
): Promise<FiledComplaint> {
  const res = await t.request({ method: 'POST', url: '/api/v1/orgs/demo/complaints', payload });
  if (res.statusCode !== 201) throw new Error(`filing: ${res.statusCode} ${res.body}`);
  const receipt = res.json() as FiledComplaint['receipt'];
  const [{ id }] = await t.db.query(`SELECT id FROM complaints WHERE reference_no = $1`, [
    receipt.referenceNo,
  ]);
  return { id: id as string, receipt };
}
