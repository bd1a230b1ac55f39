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
    const functions = ['identifierHash', 'verify', 'diagnose', 'Signer', 'widgetScript', 'widgetConfig', 'setUserPayload', 'resetScript']
    functions.push('verifyWebhook', 'WebhookVerifier', 'signWebhook', 'diagnoseWebhook')
    for (const name of functions) {
      assert.equal(typeof api[name], 'function', name)
    }
    assert.deepEqual(Object.keys(api).sort(), [...functions, 'errorCodes'].sort())
    assert.equal(
      api.identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'),
      'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c',
    )
  })

  it("errorCodes is the core's table, and index.d.ts's ErrorCode lists every code of it", () => {
    const codes = Object.keys(api.errorCodes)
    assert.ok(Object.isFrozen(api.errorCodes))
    assert.ok(codes.includes('empty_secret') && codes.includes('invalid_widget_request'), codes.join())
    for (const [code, summary] of Object.entries(api.errorCodes)) {
      assert.match(code, /^[a-z][a-z0-9_]*$/)
      assert.match(summary, /^[A-Z].*\.$/, code)
    }
    // The typings are hand-written: compare them with what the compiled module says.
    const typings = fs.readFileSync(path.join(path.dirname(require.resolve('chatwoot-identity/package.json')), 'index.d.ts'), 'utf8')
    const union = /export type ErrorCode =([^]*?)\n\n/.exec(typings)
    assert.ok(union, 'no ErrorCode union in index.d.ts')
    const typed = [...union[1].matchAll(/\| '([a-z0-9_]+)'/g)].map((match) => match[1])
    assert.deepEqual(typed, codes, 'index.d.ts ErrorCode differs from the core table (order included)')
  })

  it('carries the version of the Rust workspace', () => {
    const cargo = fs.readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8')
    const workspaceVersion = /\[workspace\.package\][^[]*?\nversion = "([^"]+)"/.exec(cargo)
    assert.ok(workspaceVersion, 'no [workspace.package] version in Cargo.toml')
    assert.equal(require('chatwoot-identity/package.json').version, workspaceVersion[1])
  })
}
