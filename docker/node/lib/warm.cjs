'use strict';
// The warm stage of the node image's runtimes (see dev.jsandbox.spi.WarmStage and runner.c). Usage:
//   node FLAGS warm.cjs SCRIPT [MODULE ...]
// started by the runner of a pre-started container before its job exists. It loads the modules SCRIPT needs (so
// that their code is read, compiled and initialised now, not on the job's clock), then blocks reading file
// descriptor 3, the control pipe only the runner can write. The runner writes the job's arguments there
// ("<count>\n" then "<length>\n<bytes>" per argument) and closes it; from then on this process is exactly
// `node FLAGS SCRIPT ARG...`: process.argv is what that command would see, and SCRIPT runs as the main module
// through Node's own entry point (Module.runMain), as `node SCRIPT` runs it. So require.main, uncaught errors (Node's
// own handler prints them and exits 1), process.exit, process.exitCode, unhandled rejections and the event loop
// behave as in a new process: nothing of this file is left running once SCRIPT starts (descriptor 3 is closed, no
// timer or handle of ours remains). Before the hand-over this process runs no code of the job's and has nothing of
// it; whatever it printed while loading is discarded by the runner.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const CONTROL_FD = 3;
const [script, ...modules] = process.argv.slice(2);
if (!script) {
  process.stderr.write('usage: node warm.cjs SCRIPT [MODULE ...]\n');
  process.exit(2);
}
// Bytes of the hand-over read while still loading (see handOverWaiting).
const early = [];

// Whether the job is already waiting: a non-blocking look into the control pipe (a second open of it, so that the
// blocking read below stays blocking). What it reads is kept as the start of the hand-over.
function handOverWaiting() {
  const fd = fs.openSync('/proc/self/fd/' + CONTROL_FD, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const buffer = Buffer.alloc(65536);
    const n = fs.readSync(fd, buffer, 0, buffer.length, null);
    if (n > 0) {
      early.push(Buffer.from(buffer.subarray(0, n)));
    }
    return true; // data, or the end of the pipe
  } catch (e) {
    if (e.code === 'EAGAIN') {
      return false;
    }
    throw e;
  } finally {
    fs.closeSync(fd);
  }
}

// Modules are resolved from SCRIPT's folder, as SCRIPT's own require() calls resolve them, so both share the cache.
// Once the job waits, loading stops: SCRIPT loads what is missing itself, and a warm-up module's exercise (e.g.
// warm-html.cjs) would only delay the job.
const fromScript = Module.createRequire(path.resolve(script));
for (const name of modules) {
  if (handOverWaiting()) {
    break;
  }
  fromScript(name);
}

function readControl() {
  const chunks = early;
  const buffer = Buffer.alloc(65536);
  for (;;) {
    let n;
    try {
      n = fs.readSync(CONTROL_FD, buffer, 0, buffer.length, null);
    } catch (e) {
      if (e.code === 'EAGAIN' || e.code === 'EINTR') continue;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  fs.closeSync(CONTROL_FD);
  return Buffer.concat(chunks);
}

function parseArguments(message) {
  let offset = 0;
  function number() {
    const end = message.indexOf(10, offset);
    if (end < 0) throw new Error('warm stage: malformed hand-over');
    const value = Number(message.toString('ascii', offset, end));
    offset = end + 1;
    return value;
  }
  const count = number();
  const args = [];
  for (let i = 0; i < count; i++) {
    const length = number();
    args.push(message.toString('utf8', offset, offset + length));
    offset += length;
  }
  return args;
}

const args = parseArguments(readControl());
// As for `node FLAGS SCRIPT ARG...`: argv[0] the node binary, argv[1] the script, then its arguments.
process.argv.splice(1, process.argv.length - 1, path.resolve(script), ...args);
Module.runMain(path.resolve(script));
