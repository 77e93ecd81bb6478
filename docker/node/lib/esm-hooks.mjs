// Module hooks of an ES-module program (registered by run-js.cjs), so that a program of several local files works
// as in Node 22 and as TypeScript's module resolution promises:
//
//   load     a .js file that Node 18 would load as CommonJS (there is no package.json with "type") but whose syntax
//            needs an ES module is loaded as one, as Node 22's syntax detection does. So `import { x } from
//            './util.js'` works whether util.js uses `export` or `module.exports`.
//   resolve  a relative specifier without extension that names no file ('./util', './lib') resolves as require()
//            would: FILE.js, FILE.mjs, FILE.cjs, then FILE/index.js, FILE/index.mjs. TypeScript lets programs
//            import './util' (its "bundler" resolution, which --module preserve implies) and emits the specifier
//            unchanged.
//
// Only files the program itself names are concerned; Node's own modules and packages resolve as always.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const { needsModule } = createRequire(import.meta.url)('./detect-module.cjs');
const SUFFIXES = ['.js', '.mjs', '.cjs', '/index.js', '/index.mjs'];
const NOT_FOUND = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT']);

function isRelative(specifier) {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!NOT_FOUND.has(error && error.code) || !isRelative(specifier) || /\.[cm]?js$/.test(specifier)) {
      throw error;
    }
    for (const suffix of SUFFIXES) {
      try {
        return await nextResolve(specifier + suffix, context);
      } catch {
        // try the next form; when none exists, the error names the specifier as the program wrote it
      }
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (result.format === 'commonjs' && url.startsWith('file:') && url.endsWith('.js')) {
    const source = String(result.source ?? await readFile(new URL(url), 'utf8'));
    if (needsModule(source, fileURLToPath(url))) {
      return { format: 'module', source, shortCircuit: true };
    }
  }
  return result;
}
