import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PromptTemplate } from './prompt';

/** The prompt in use. A new wording is a new file (…v2.md), so stored analyses keep naming theirs. */
export const PROMPT_FILE = path.join(__dirname, 'prompts', 'filing-analysis.v1.md');

export function readPromptTemplate(file = PROMPT_FILE): PromptTemplate {
  return { version: path.basename(file, '.md'), text: readFileSync(file, 'utf8') };
}
