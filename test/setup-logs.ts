import { loadConfig } from '../src/config/app-config';
import { useJsonLogs } from '../src/infrastructure/logging/json-lines';
import { testEnvironment } from './helpers/test-env';

// Lines written before a test's application exists (start-up, migrations, the first administrator)
// go through the same JSON logger as in production, at the tests' LOG_LEVEL (silent): a passing run
// prints only the test results. Tests that look at log lines capture them (logDestination).
useJsonLogs(loadConfig(testEnvironment('logs')));
