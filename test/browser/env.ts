/** Environment variables global-setup.ts hands to the test processes. */
export const BROWSER_ENV = {
  baseUrl: 'RONGRIAN_BROWSER_BASE_URL',
  mailUrl: 'RONGRIAN_BROWSER_MAIL_URL',
  adminEmail: 'RONGRIAN_BROWSER_ADMIN_EMAIL',
  adminPassword: 'RONGRIAN_BROWSER_ADMIN_PASSWORD',
  /** the organisation's first executive (made by global setup): approves the protected roles tests ask for */
  approverEmail: 'RONGRIAN_BROWSER_APPROVER_EMAIL',
  approverPassword: 'RONGRIAN_BROWSER_APPROVER_PASSWORD',
  /** the map tiles' server (global setup's own, one PNG for any tile): the service's MAP_TILE_URL origin */
  tileOrigin: 'RONGRIAN_BROWSER_TILE_ORIGIN',
} as const;

export function browserEnv(name: keyof typeof BROWSER_ENV): string {
  const value = process.env[BROWSER_ENV[name]];
  if (!value) throw new Error(`${BROWSER_ENV[name]} is not set: run through \`npm run test:browser\``);
  return value;
}
