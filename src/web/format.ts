// The pages spell numbers and times with the one formatter (src/format.ts) that the CLI, the alerts and the digest use.
export { formatConfidence, formatDate, formatGw, formatTime, formatTime as formatDateTime, formatUsd, formatWait, unknownValue } from '../format.js';
