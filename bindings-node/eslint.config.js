'use strict'

const js = require('@eslint/js')
const globals = require('globals')

module.exports = [
  { ignores: ['binding.js', 'binding.d.ts', 'react/loader.generated.*', 'node_modules/', 'test/.readme-*/', 'test/types/'] },
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023, globals: globals.node },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', ecmaVersion: 2023, globals: globals.node },
  },
  {
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      strict: ['error', 'global'],
    },
  },
  {
    // 'use client' must come first; 'use strict' follows it in the same prologue.
    files: ['react/index.js'],
    rules: { strict: 'off' },
  },
]
