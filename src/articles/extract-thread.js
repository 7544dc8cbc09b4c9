// Worker-thread entry for extraction. A plain .js file so that Node can start it; it registers tsx in this thread
// (loader hooks are not inherited by worker threads) and then loads the TypeScript handler.
import { register } from 'tsx/esm/api';

register();
await import('./extract-thread-main.ts');
