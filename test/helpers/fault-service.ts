// A service process that meets a bug once it is up: `node bin/run-ts.js test/helpers/fault-service.ts rejection|exception`.
// Settings come from the environment, as for `lanewatch start`; the exit code is runService's.
import { loadSettings } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { runService } from '../../src/service/start.js';

const fault = process.argv[2];
const settings = loadSettings(process.env, {});
const logger = createLogger(settings.LOG_LEVEL);
const code = await runService({
  roles: ['notifier'],
  settings,
  logger,
  onStarted() {
    setTimeout(() => {
      if (fault === 'rejection') void Promise.reject(new Error('a promise nobody awaited'));
      else throw new Error('a throw nobody caught');
    }, 50);
  },
});
process.exit(code);
