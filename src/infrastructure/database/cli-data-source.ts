import { loadConfig } from '../../config/app-config';
import { loadDotEnv } from '../../config/dotenv';
import { dataSourceOptions } from './data-source-options';
import { systemDataSource } from './tenancy';

// Used by the TypeORM CLI (npm run migration:*). Same validated settings as the service, without
// the service's 30 s statement timeout: a migration that recounts a big database takes longer
// (as at start-up, prepareDatabase).
loadDotEnv();
export default systemDataSource({ ...dataSourceOptions(loadConfig()), extra: { max: 2 } });
