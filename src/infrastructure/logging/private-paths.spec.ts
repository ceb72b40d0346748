import { isPrivatePath, isReporterPath, maskPath } from './private-paths';

describe('private paths', () => {
  it.each([
    ['/api/v1/integrity-reports/7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11', '/api/v1/integrity-reports/[id]'],
    [
      '/api/v1/integrity-reports/7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11/identity-requests/0a1b2c3d-1111-4222-8333-444455556666/identity',
      '/api/v1/integrity-reports/[id]/identity-requests/[id]/identity',
    ],
    [
      '/api/v1/integrity-reports/identity-requests/0a1b2c3d-1111-4222-8333-444455556666/decision',
      '/api/v1/integrity-reports/identity-requests/[id]/decision',
    ],
    ['/api/v1/integrity-reports/session/report?x=1', '/api/v1/integrity-reports/session/report'],
    ['/api/v1/integrity-reports?status=received', '/api/v1/integrity-reports'],
    ['/api/v1/orgs/demo/integrity-reports', '/api/v1/orgs/demo/integrity-reports'],
    ['/api/v1/orgs/demo/integrity-reports/IR-2569-0001', '/api/v1/orgs/demo/integrity-reports/[id]'],
    ['/api/v1/orgs/demo/complaints/track/ABC123', '/api/v1/orgs/demo/complaints/track/[code]'],
    ['/api/v1/users?x=secret', '/api/v1/users'],
  ])('redacts %s', (url, expected) => {
    expect(maskPath(url)).toBe(expected);
  });

  it.each([
    ['/api/v1/orgs/demo/integrity-reports', true],
    ['/api/v1/orgs/demo/integrity-reports/session', true],
    ['/api/v1/orgs/demo/integrity-reports/allegation-types', true],
    ['/api/v1/integrity-reports/session', true],
    ['/api/v1/integrity-reports/session/report', true],
    ['/api/v1/integrity-reports/session/messages?x', true],
    ['/api/v1/integrity-reports', false],
    ['/api/v1/integrity-reports/7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11', false],
    ['/api/v1/integrity-reports/sessions-of-officers', false],
    ['/api/v1/orgs/demo/complaints', false],
    ['/report', true],
    ['/report?org=demo', true],
    ['/orgs/demo/integrity/follow-up', true],
    ['/assets/report.js', true],
    ['/assets/styles.css', true],
    ['/reports', false],
    ['/complain', false],
    ['/officer/integrity-reports/7b2f9a54-3f1e-4a8e-9d51-2f0c7a1e9b11', false],
  ])('%s is a reporter path: %s', (url, expected) => {
    expect(isReporterPath(url)).toBe(expected);
  });

  it('treats every integrity route as private, and no other', () => {
    expect(isPrivatePath('/api/v1/integrity-reports/x')).toBe(true);
    expect(isPrivatePath('/api/v1/orgs/demo/integrity-reports')).toBe(true);
    expect(isPrivatePath('/api/v1/complaints/x')).toBe(false);
  });
});
