/**
 * Every data route of the API, in one list: app.ts mounts it, /openapi.json and the README's
 * API section are generated from it. A new route file adds its array here.
 */
import type { Route } from '../framework/route';
import { ACTIVITY_ROUTES } from './activity';
import { ANALYSIS_ROUTES } from './analysis';
import { CLUSTER_ROUTES } from './clusters';
import { FILING_ROUTES } from './filings';
import { FORM4_ROUTES } from './form4';
import { INSIDER_ROUTES } from './insiders';
import { ISSUER_ROUTES } from './issuers';
import { SCREENER_ROUTES } from './screener';
import { SEARCH_ROUTES } from './search';
import { STREAM_ROUTES } from './stream';

export const API_ROUTES: readonly Route[] = [
  ...FORM4_ROUTES,
  ...ISSUER_ROUTES,
  ...INSIDER_ROUTES,
  ...FILING_ROUTES,
  ...SEARCH_ROUTES,
  ...CLUSTER_ROUTES,
  ...ANALYSIS_ROUTES,
  ...SCREENER_ROUTES,
  ...ACTIVITY_ROUTES,
  ...STREAM_ROUTES,
];
