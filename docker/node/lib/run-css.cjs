'use strict';
// Validates stylesheets. Usage: node run-css.cjs FILE [FILE ...]
//
// stderr: "LINE:COLUMN message" for every problem csstree-validator finds (syntax errors, unknown properties,
//         values that do not match a property's grammar), with its details indented below. With several files,
//         every problem reads "FILE:LINE:COLUMN message".
// stdout: each stylesheet as CSSTree parsed it, normalized (comments and redundant whitespace dropped), one line per
//         file, in the order given; with several files each line follows a "/* FILE */" line. Printed even when
//         invalid, so that the reader sees how the problem was understood.
// Exit code 1 when there is a problem in any file.
const fs = require('node:fs');
const { validate } = require('csstree-validator');
const csstree = require('css-tree');

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node run-css.cjs FILE [FILE ...]\n');
  process.exit(2);
}
const several = files.length > 1;
for (const file of files) {
  const source = fs.readFileSync(file, 'utf8');
  const where = several ? file + ':' : '';
  for (const problem of validate(source, file)) {
    // A grammar mismatch carries a diagram ("syntax: ... value: ... ---^"); its first line repeats the message.
    const details = problem.details ? String(problem.details).split('\n').slice(1) : [];
    const lines = [`${where}${problem.line}:${problem.column} ${problem.message}`, ...details.map((line) => '  ' + line)];
    process.stderr.write(lines.join('\n') + '\n');
    process.exitCode = 1;
  }
  if (several) {
    process.stdout.write(`/* ${file} */\n`);
  }
  process.stdout.write(csstree.generate(csstree.parse(source)) + '\n');
}
