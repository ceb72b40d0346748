import { loadConfig } from '../../config/app-config';
import { loadDotEnv } from '../../config/dotenv';
import { dataSourceOptions } from './data-source-options';
import { systemDataSource } from './tenancy';

// Used by the TypeORM CLI (npm run migration:*). Same validated settings as the service.
loadDotEnv();
export default systemDataSource(dataSourceOptions(loadConfig()));
