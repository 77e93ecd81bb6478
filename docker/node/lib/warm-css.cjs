'use strict';
// Part of the CSS runtime's warm stage: loaded by warm.cjs before the job exists (see warm.cjs). Checks and prints
// a fixed sheet once, so that what csstree-validator and css-tree load on first use (the property grammars) is
// ready when the job's sheets come. It prints nothing.
const { validate } = require('csstree-validator');
const csstree = require('css-tree');

const SHEET = 'body { margin: 0 auto; color: #333; display: flex; } @media (max-width: 600px) { p { font: 12px/1.5 serif; } }';
validate(SHEET, 'warm-up.css');
csstree.generate(csstree.parse(SHEET));
