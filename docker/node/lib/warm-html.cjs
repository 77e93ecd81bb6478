'use strict';
// Part of the HTML runtime's warm stage: loaded by warm.cjs before the job exists (see warm.cjs). Checks and runs a
// fixed page once, so that what html-validate and jsdom load on first use (the rule set and element metadata, the
// parser, the script context) is ready when the job's page comes. Measured on a 2-core machine, that first use is
// about a third of the time that loading the two packages takes. Nothing of it stays: the page's window is closed,
// and its output goes to a console of its own that prints nothing.
const { HtmlValidate, StaticConfigLoader } = require('html-validate');
const { JSDOM, VirtualConsole } = require('jsdom');

const PAGE = '<!DOCTYPE html><html lang="en"><head><title>warm-up</title><style>p { color: red; }</style></head>'
  + '<body><p id="p">warm-up</p><script>document.getElementById("p").textContent += "!";</script></body></html>';

new HtmlValidate(new StaticConfigLoader({ extends: ['html-validate:standard'] })).validateStringSync(PAGE, 'warm-up.html');
const dom = new JSDOM(PAGE, { runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
dom.window.getComputedStyle(dom.window.document.getElementById('p'));
dom.window.close();
