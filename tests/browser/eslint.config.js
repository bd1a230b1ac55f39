'use strict';

const js = require('@eslint/js');
const globals = require('globals');

// The core's widget loader (core/src/widget/loader.js) is linted from stdin under this name
// (`make lint`): it lives outside this folder, which ESLint will not reach into.
const LOADER = 'core-widget-loader.js';

// Node for the harness; the functions it hands to the page (page.evaluate, addInitScript, the
// stub SDK's source) run in the browser, so browser globals are allowed too.
module.exports = [
  { ignores: ['node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    ignores: [LOADER],
    languageOptions: {
      sourceType: 'commonjs',
      ecmaVersion: 2023,
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      strict: ['error', 'global'],
    },
  },
  {
    // A classic browser script in ES5, strict inside its function, constant code around the
    // __CONFIG__ placeholder (escaped JSON, spliced in by script.rs); nothing evaluates text.
    files: [LOADER],
    languageOptions: {
      sourceType: 'script',
      ecmaVersion: 5,
      globals: { ...globals.browser, __CONFIG__: 'readonly' },
    },
    rules: {
      // ES5 has no catch without a binding.
      'no-unused-vars': ['error', { caughtErrors: 'none' }],
      eqeqeq: 'error',
      strict: ['error', 'function'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-shadow': 'error',
    },
  },
];
