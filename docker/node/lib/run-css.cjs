'use strict';
// Validates one stylesheet. Usage: node run-css.cjs FILE
//
// stderr: "LINE:COLUMN message" for every problem csstree-validator finds (syntax errors, unknown properties,
//         values that do not match a property's grammar), with its details indented below.
// stdout: the stylesheet as CSSTree parsed it, normalized (comments and redundant whitespace dropped); printed
//         even when invalid, so that the reader sees how the problem was understood.
// Exit code 1 when there is a problem.
const fs = require('node:fs');
const path = require('node:path');
const { validate } = require('csstree-validator');
const csstree = require('css-tree');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node run-css.cjs FILE\n');
  process.exit(2);
}
const source = fs.readFileSync(file, 'utf8');

for (const problem of validate(source, path.basename(file))) {
  // A grammar mismatch carries a diagram ("syntax: ... value: ... ---^"); its first line repeats the message.
  const details = problem.details ? String(problem.details).split('\n').slice(1) : [];
  const lines = [`${problem.line}:${problem.column} ${problem.message}`, ...details.map((line) => '  ' + line)];
  process.stderr.write(lines.join('\n') + '\n');
  process.exitCode = 1;
}
process.stdout.write(csstree.generate(csstree.parse(source)) + '\n');
