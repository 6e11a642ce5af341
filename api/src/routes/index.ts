/**
 * Every data route of the API, in one list: app.ts mounts it, /openapi.json and the README's
 * API section are generated from it. A new route file adds its array here.
 */
import type { Route } from '../framework/route';
import { ANALYSIS_ROUTES } from './analysis';
import { CLUSTER_ROUTES } from './clusters';
import { FORM4_ROUTES } from './form4';
import { ISSUER_ROUTES } from './issuers';

export const API_ROUTES: readonly Route[] = [
  ...FORM4_ROUTES,
  ...ISSUER_ROUTES,
  ...CLUSTER_ROUTES,
  ...ANALYSIS_ROUTES,
];
