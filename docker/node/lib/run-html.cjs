'use strict';
// Runs one HTML page as a headless, offline browser would. Usage: node run-html.cjs FILE
//
//   1. html-validate checks the page against the HTML standard (its "standard" preset: no style rules).
//   2. jsdom loads the page and runs its inline classic scripts; nothing is fetched (no external scripts,
//      stylesheets, images or frames), and the container has no network anyway.
//
// stdout: what the page's scripts log with console.log/info/debug (console.warn/error go to stderr).
// stderr: "LINE:COLUMN message" for every validation problem and every uncaught script error.
// Exit code 1 when the page breaks the standard or a script threw; warnings alone leave it 0.
//
// jsdom is not a security boundary (a page script can reach Node's globals); the container is.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const { JSDOM, VirtualConsole } = require('jsdom');

// Rules that flag omissions the standard allows (an implied <head>) or only recommends (<html lang>) are
// warnings, so that a small page without them still runs successfully.
const VALIDATION_CONFIG = {
  extends: ['html-validate:standard'],
  rules: {
    'element-required-attributes': 'warn',
    'element-required-content': 'warn',
  },
};
const ERROR = 2;

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node run-html.cjs FILE\n');
  process.exit(2);
}
const source = fs.readFileSync(file, 'utf8');
const url = pathToFileURL(path.resolve(file)).href;
const displayName = path.basename(file);

function fail() {
  process.exitCode = 1;
}

function validate() {
  const validator = new HtmlValidate(new StaticConfigLoader(VALIDATION_CONFIG));
  const report = validator.validateStringSync(source, displayName);
  for (const result of report.results) {
    for (const message of result.messages) {
      const kind = message.severity === ERROR ? '' : 'warning: ';
      process.stderr.write(`${message.line}:${message.column} ${kind}${message.message} (${message.ruleId})\n`);
      if (message.severity === ERROR) {
        fail();
      }
    }
  }
}

// The page's own stack frames, with the page's URL shortened to its file name; the runner's frames are noise.
function pageFrames(stack) {
  return String(stack || '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && line.includes(url))
    .map((line) => line.split(url).join(displayName));
}

// Where an error happened in the page: a SyntaxError's stack starts with "URL:LINE", other errors have frames.
function location(error) {
  const stack = String((error && error.stack) || '');
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Node shows a SyntaxError as "URL:LINE", the offending line, then a caret under the offending column.
  const syntax = stack.match(new RegExp('^' + escaped + ':(\\d+)\\n[^\\n]*\\n( *)\\^'));
  if (syntax) {
    return `${syntax[1]}:${syntax[2].length + 1}`;
  }
  const frame = stack.match(new RegExp(escaped + ':(\\d+):(\\d+)'));
  return frame ? `${frame[1]}:${frame[2]}` : '0:0';
}

function report(jsdomError) {
  if (jsdomError.type === 'not implemented') {
    process.stderr.write(`warning: ${jsdomError.message} (jsdom has no such feature)\n`);
    return;
  }
  const error = jsdomError.detail;
  const described = error && error.name && error.message !== undefined
    ? `${error.name}: ${error.message}`
    : String(jsdomError.message).replace(/^Uncaught /, '');
  const lines = [`${location(error)} Uncaught ${described}`, ...pageFrames(error && error.stack)];
  process.stderr.write(lines.join('\n') + '\n');
  fail();
}

validate();
const virtualConsole = new VirtualConsole();
virtualConsole.sendTo(console, { omitJSDOMErrors: true });
virtualConsole.on('jsdomError', report);
new JSDOM(source, {
  url,
  runScripts: 'dangerously',
  includeNodeLocations: true,
  pretendToBeVisual: true,
  virtualConsole,
});
