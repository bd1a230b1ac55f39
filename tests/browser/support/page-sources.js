'use strict';
// Where the pages under test come from. `cli` renders the snippet with the core's own CLI;
// each framework is its binding's `make widget-page-server` (the contract in README.md), or
// the target FRAMEWORK_TARGETS names.

const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');

const FRAMEWORK_BINDINGS = {
  django: 'bindings-python',
  rails: 'bindings-ruby',
  express: 'bindings-node',
  flask: 'bindings-python',
};
// The make target of each framework's page server, when not `widget-page-server`.
const FRAMEWORK_TARGETS = { flask: 'flask-page-server' };

// The core's command-line tool: it renders the CLI's pages and verifies every hash set.
const CLI = process.env.CHATWOOT_IDENTITY_CLI || path.join(REPO, 'target', 'debug', 'chatwoot-identity');

function cliSource() {
  return {
    name: 'cli',
    command: process.execPath,
    args: [path.join(__dirname, 'cli-page-server.js')],
    env: { CHATWOOT_IDENTITY_CLI: CLI },
  };
}

function frameworkSource(framework) {
  const binding = FRAMEWORK_BINDINGS[framework];
  if (!binding) {
    throw new Error(
      `unknown framework ${JSON.stringify(framework)}; known: ${Object.keys(FRAMEWORK_BINDINGS).join(', ')}`,
    );
  }
  return {
    name: framework,
    command: process.env.MAKE || 'make',
    args: ['-s', '-C', path.join(REPO, binding), FRAMEWORK_TARGETS[framework] || 'widget-page-server'],
    env: {},
  };
}

/** `cli` and then the frameworks named, in order. */
function pageSources(frameworks) {
  return [cliSource(), ...frameworks.map(frameworkSource)];
}

/**
 * The frameworks to test: BROWSER_TEST_FRAMEWORKS (comma-separated; empty or "none" for none)
 * when set, else `defaults`.
 */
function selectedFrameworks(defaults) {
  const override = process.env.BROWSER_TEST_FRAMEWORKS;
  if (override === undefined) return defaults;
  return override
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name && name !== 'none');
}

module.exports = { pageSources, selectedFrameworks, FRAMEWORK_BINDINGS, REPO, CLI };
