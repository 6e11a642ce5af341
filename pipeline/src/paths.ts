import path from 'node:path';

/** The repository root, whatever the working directory of the process. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas');
export const SQL_DIR = path.join(REPO_ROOT, 'sql');
