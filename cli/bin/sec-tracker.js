#!/usr/bin/env node
// Runs the compiled CLI when it sits next to this file without its TypeScript sources (dist/, and
// the production image, where `npm run build` put it), and the TypeScript sources through tsx
// otherwise (a clone: edits take effect at once, and a stale dist/ never runs in their place).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, '..', 'src', 'main.ts');
let main;
if (fs.existsSync(source)) {
  require('tsx/cjs');
  ({ main } = require(source));
} else {
  ({ main } = require('../src/main.js'));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Every command closes what it opened; this only guards against a stray client timer.
    setTimeout(() => process.exit(code), 3000).unref();
  },
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
