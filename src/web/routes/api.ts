// The JSON API lives in ../api/ (routes, zod schemas, OpenAPI document); this is its mount point for app.ts.
export { apiBasePath, apiBodyLimitBytes, createApi as apiRoutes } from '../api/app.js';
