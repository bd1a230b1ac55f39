'use strict'

const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { it } = require('node:test')
const { repoRoot } = require('../paths.js')

module.exports = function exportsSuite(api) {
  if (process.env.EXPECT_INSTALLED_PACKAGE) {
    it('runs against the installed tarball, not the source tree', () => {
      const entry = require.resolve('chatwoot-identity')
      assert.match(entry, /[\\/]node_modules[\\/]chatwoot-identity[\\/]index\.js$/)
    })
  }

  it('exports exactly the documented API', () => {
    for (const name of ['identifierHash', 'verify', 'diagnose', 'Signer', 'WidgetConfig', 'widgetScript', 'setUserPayload', 'resetScript']) {
      assert.equal(typeof api[name], 'function', name)
    }
    assert.equal(
      api.identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'),
      'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c',
    )
  })

  it('carries the version of the Rust workspace', () => {
    const cargo = fs.readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8')
    const workspaceVersion = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)
    assert.ok(workspaceVersion, 'no [workspace.package] version in Cargo.toml')
    assert.equal(require('chatwoot-identity/package.json').version, workspaceVersion[1])
  })
}
