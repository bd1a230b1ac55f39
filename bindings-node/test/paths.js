'use strict'

// Where the shared files live. The suite also runs from a scratch project that installed the
// packed tarball, far from the repository, so the Makefile passes these paths explicitly.
const path = require('node:path')

const repoRoot = process.env.CHATWOOT_IDENTITY_REPO || path.resolve(__dirname, '..', '..')

module.exports = {
  repoRoot,
  vectorsDir: path.join(repoRoot, 'tests', 'vectors'),
  readmes: [path.join(repoRoot, 'bindings-node', 'README.md'), path.join(repoRoot, 'README.md')],
}
