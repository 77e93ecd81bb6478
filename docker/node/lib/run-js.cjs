'use strict';
// Runs a JavaScript program as CommonJS or as an ES module, whichever its main file's syntax needs, the way Node 22
// does by default ("syntax detection"); Debian's Node 18 has no such mode. Usage: node run-js.cjs FILE [ARG ...]
//
// The main file is parsed as CommonJS first (see detect-module.cjs). Only code that is valid only as an ES module
// makes it one, which Node 18 recognises by the .mjs extension: the file is renamed, and, when there are local files
// it may import, module hooks (esm-hooks.mjs) make them work as in Node 22 (a .js file with `export` is an ES
// module, a relative import may leave out the extension). Everything else runs through Node's own entry point, so errors,
// stack traces, require.main and process.argv look as for `node FILE`; a CommonJS program's require('./util')
// needs nothing of ours.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const { needsModule } = require('./detect-module.cjs');

const given = process.argv[2];
if (!given) {
  process.stderr.write('usage: node run-js.cjs FILE [ARG ...]\n');
  process.exit(2);
}
// Whether the program has files it may import besides its main file: a script beside it or a folder. The hooks run
// on a thread of their own, which costs about 0.1 s of CPU at start-up, so a program of one file goes without.
function hasLocalModules(mainFile) {
  const folder = path.dirname(mainFile);
  return fs.readdirSync(folder, { withFileTypes: true }).some((entry) => entry.isDirectory()
      || (/\.[cm]?js$/.test(entry.name) && path.join(folder, entry.name) !== mainFile));
}

let file = path.resolve(given);
if (path.extname(file) === '.js' && needsModule(fs.readFileSync(file, 'utf8'), file)) {
  const moduleFile = file.slice(0, -'.js'.length) + '.mjs';
  fs.renameSync(file, moduleFile);
  file = moduleFile;
  // Only module programs need the hooks: CommonJS's require() finds local files the way they promise already.
  if (hasLocalModules(file)) {
    Module.register('./esm-hooks.mjs', pathToFileURL(__filename));
  }
}
// The program sees itself as process.argv[1] and its own arguments after it, as with `node FILE ARG...`.
process.argv.splice(1, 2, file);
Module.runMain(file);
