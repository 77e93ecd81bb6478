'use strict';
// Whether JavaScript source must be an ES module: the test Node 22 applies to a .js file outside a "type" package
// ("syntax detection"). Used by run-js.cjs for the main file and by esm-hooks.mjs for the files it imports.
//
// The source is parsed as CommonJS first. Only a SyntaxError that CommonJS alone causes (import/export statements,
// import.meta, top-level await, top-level names CommonJS already defines) makes it an ES module.
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

module.exports = { needsModule };
