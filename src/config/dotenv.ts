import { existsSync } from 'node:fs';

/** Honours a .env file in the working directory; variables already set in the environment win. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
