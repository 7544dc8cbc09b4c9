// Worker-thread entry for extraction when running the TypeScript sources: loader hooks are not inherited by worker
// threads, so this plain .js file registers tsx in the thread and then loads the handler. The compiled dist/ starts
// extract-thread-main.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./extract-thread-main.ts');
