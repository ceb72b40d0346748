import { Role } from '../../src/users/roles';
import { bearer, TestApp } from './test-app';

export interface Officer {
  id: string;
  email: string;
  token: string;
  unitId: string | null;
}

let counter = 0;

/** Creates an officer through the admin API and signs them in. */
export async function createOfficer(
  t: TestApp,
  adminToken: string,
  roles: Role[],
  unitCode?: string,
): Promise<Officer> {
  let unitId: string | null = null;
  if (unitCode) {
    const units = await t.request({ method: 'GET', url: '/api/v1/units', headers: bearer(adminToken) });
    unitId = (units.json() as { id: string; code: string }[]).find((u) => u.code === unitCode)!.id;
  }
  const email = `${roles.join('-')}-${++counter}-${Date.now()}@test.local`;
  const password = 'officer-password-123';
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(adminToken),
    payload: { email, displayName: `Officer ${counter}`, password, roles, unitId },
  });
  if (res.statusCode !== 201) throw new Error(`cannot create officer: ${res.body}`);
  return { id: res.json().id, email, token: await t.login(email, password), unitId };
}
