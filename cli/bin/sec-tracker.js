#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step between a clone and a run.
'use strict';
require('tsx/cjs');
const { main } = require('../src/main.ts');

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
