/** The fake EDGAR: a local stand-in for www.sec.gov and data.sec.gov, for tests, the demo and the bench. */
import { join } from 'node:path';

export { startFakeEdgar, DATA_PREFIX } from './server';
export type { FakeEdgar, FakeEdgarOptions } from './server';
export type { SkippedFile } from './submission-files';
export type { FaultRule, FaultKind, ActiveFault, Faults } from './faults';
export type { LoggedRequest } from './request-log';
export { maxRequestsInWindow } from './request-log';
export { buildOwnershipSubmission, syntheticAccession } from './submission-builder';
export type { BuiltFilingSpec } from './submission-builder';
export type { TickerEntry } from './render-submissions';

/** The bundled demo filings (fictional issuers ACME, BRLS, CBRM, KGRD; see fixtures/README.md). */
export const FIXTURES_DIR = join(__dirname, 'fixtures');
/** A dissemination (.nc) filing of ACME and a file the fake cannot serve (fixtures-dissemination/README.md). */
export const DISSEMINATION_FIXTURES_DIR = join(__dirname, 'fixtures-dissemination');
