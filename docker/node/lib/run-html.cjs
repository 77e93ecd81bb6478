'use strict';
// Runs one HTML page as a headless, offline browser would. Usage: node run-html.cjs FILE
//
//   1. html-validate checks the page against the HTML standard (its "standard" preset: no style rules).
//   2. jsdom loads the page and runs its classic scripts, inline or external (<script src="app.js">), and loads its
//      stylesheets (<link rel="stylesheet" href="style.css">) and frames. Only files of the page's own folder tree
//      (the workspace) are served: any other URL (http:, data:, a path outside that tree, a symbolic link leading
//      out of it) is not loaded, and the container has no network anyway.
//
// stdout: what the page's scripts log with console.log/info/debug (console.warn/error go to stderr).
// stderr: "LINE:COLUMN message" for every validation problem and every uncaught script error (an error in another
//         file reads "FILE:LINE:COLUMN message"), and a "warning: ..." for every file the page names that is not
//         loaded (missing, or not a file of the workspace).
// Exit code 1 when the page breaks the standard or a script threw; warnings alone leave it 0.
//
// jsdom is not a security boundary (a page script can reach Node's globals); the container is.
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const { JSDOM, ResourceLoader, VirtualConsole } = require('jsdom');

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
// The tree the page may load files from: its own folder, the workspace (resolved, as links are compared resolved).
const root = fs.realpathSync(path.dirname(path.resolve(file)));
const rootUrl = pathToFileURL(root).href + '/';

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

// Serves the files of the workspace and nothing else. A file is served when its resolved path (symbolic links
// followed) lies inside the workspace and is a regular file; every other URL (data: ones too, so that what a page
// runs is always a file the caller gave) is not loaded at all (null), with a warning.
class WorkspaceLoader extends ResourceLoader {
  fetch(resourceUrl) {
    if (!resourceUrl.startsWith('file:')) {
      process.stderr.write(`warning: ${resourceUrl} is not loaded (only files of the workspace are)\n`);
      return null;
    }
    let resolved;
    try {
      resolved = fs.realpathSync(fileURLToPath(resourceUrl));
    } catch {
      return withAbort(Promise.reject(new Error('no such file in the workspace')));
    }
    if (!resolved.startsWith(root + path.sep) || !fs.statSync(resolved).isFile()) {
      process.stderr.write(`warning: ${resourceUrl} is not loaded (only files of the workspace are)\n`);
      return null;
    }
    return withAbort(fs.promises.readFile(resolved));
  }
}

// jsdom aborts what is still loading when the window closes; reading a small file needs no cancelling.
function withAbort(promise) {
  promise.abort = () => {};
  return promise;
}

// A workspace file's URL as the path a user wrote it with ("app.js", "js/app.js"); other URLs unchanged.
function shortName(fileUrl) {
  return fileUrl.startsWith(rootUrl) ? decodeURIComponent(fileUrl.slice(rootUrl.length)) : fileUrl;
}

// Shortens every workspace URL in text to its path; the page itself is named by its file name.
function shorten(text) {
  return text.split(url).join(displayName).split(rootUrl).join('');
}

// The stack frames of the page's files (the page and the scripts it loaded), with their URLs shortened; the
// runner's frames are noise.
function pageFrames(stack) {
  return String(stack || '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && line.includes(rootUrl))
    .map(shorten);
}

// Where an error happened: "LINE:COLUMN" in the page, "FILE:LINE:COLUMN" in a script file it loaded. A
// SyntaxError's stack starts with "URL:LINE", other errors have frames.
function location(error) {
  const stack = String((error && error.stack) || '');
  const escaped = rootUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const where = (fileUrl, line, column) => (fileUrl === url ? '' : shortName(fileUrl) + ':') + `${line}:${column}`;
  // Node shows a SyntaxError as "URL:LINE", the offending line, then a caret under the offending column.
  const syntax = stack.match(new RegExp('^(' + escaped + '[^:\\s]*):(\\d+)\\n[^\\n]*\\n( *)\\^'));
  if (syntax) {
    return where(syntax[1], syntax[2], syntax[3].length + 1);
  }
  const frame = stack.match(new RegExp('(' + escaped + '[^:\\s]*):(\\d+):(\\d+)'));
  return frame ? where(frame[1], frame[2], frame[3]) : '0:0';
}

function report(jsdomError) {
  if (jsdomError.type === 'not implemented') {
    process.stderr.write(`warning: ${jsdomError.message} (jsdom has no such feature)\n`);
    return;
  }
  // A file the page names but the workspace lacks is reported as a browser's console would, without failing the
  // page: browsers run a page whose stylesheet or script is missing, and a script that needed it fails on its own.
  if (jsdomError.type === 'resource loading') {
    const cause = jsdomError.detail && jsdomError.detail.message;
    process.stderr.write(`warning: ${shorten(jsdomError.message)}${cause ? ': ' + cause : ''}\n`);
    return;
  }
  if (jsdomError.type === 'css parsing') {
    process.stderr.write(`warning: ${shorten(jsdomError.message)}\n`);
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
  resources: new WorkspaceLoader(),
  includeNodeLocations: true,
  pretendToBeVisual: true,
  virtualConsole,
});
