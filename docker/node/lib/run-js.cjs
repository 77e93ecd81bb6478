'use strict';
// Runs one JavaScript file as CommonJS or as an ES module, whichever its syntax needs, the way Node 22 does by
// default ("syntax detection"); Debian's Node 18 has no such mode. Usage: node run-js.cjs FILE [ARG ...]
//
// The file is parsed as CommonJS first. Only a SyntaxError that CommonJS alone causes (import/export statements,
// import.meta, top-level await, top-level names CommonJS already defines) makes it an ES module, which Node 18
// recognises by the .mjs extension: the file is renamed, then loaded. Everything else runs through Node's own
// entry point, so errors, stack traces, require.main and process.argv look as for `node FILE`.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

// The messages V8 gives for code that is valid only as an ES module (the same list Node 22 uses).
const ONLY_VALID_AS_MODULE = [
  'Cannot use import statement outside a module',
  "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module",
  'await is only valid in async functions and the top level bodies of modules',
  "Identifier 'module' has already been declared",
  "Identifier 'exports' has already been declared",
  "Identifier 'require' has already been declared",
  "Identifier '__filename' has already been declared",
  "Identifier '__dirname' has already been declared",
];

function needsModule(source, file) {
  // A leading #! line is valid in both forms but not inside the CommonJS wrapper; keep the line count.
  const body = source.startsWith('#!') ? '//' + source.slice(2) : source;
  try {
    new vm.Script(Module.wrap(body), { filename: file });
    return false;
  } catch (error) {
    return error instanceof SyntaxError && ONLY_VALID_AS_MODULE.some((message) => error.message.includes(message));
  }
}

const given = process.argv[2];
if (!given) {
  process.stderr.write('usage: node run-js.cjs FILE [ARG ...]\n');
  process.exit(2);
}
let file = path.resolve(given);
if (path.extname(file) === '.js' && needsModule(fs.readFileSync(file, 'utf8'), file)) {
  const moduleFile = file.slice(0, -'.js'.length) + '.mjs';
  fs.renameSync(file, moduleFile);
  file = moduleFile;
}
// The program sees itself as process.argv[1] and its own arguments after it, as with `node FILE ARG...`.
process.argv.splice(1, 2, file);
Module.runMain(file);
