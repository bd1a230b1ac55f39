'use strict';

const js = require('@eslint/js');
const globals = require('globals');

// Node for the harness; the functions it hands to the page (page.evaluate, addInitScript, the
// stub SDK's source) run in the browser, so browser globals are allowed too.
module.exports = [
  { ignores: ['node_modules/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
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
];
