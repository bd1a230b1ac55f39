'use strict'

// The browser tests' Express page (test/widget-page/server.js) keeps its contract: `ready`
// alone on stdout once listening, the snippet for the user of CHATWOOT_TEST_USER_JSON, and a
// fresh CSP nonce per request on both the header and the snippet.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { spawn } = require('node:child_process')
const net = require('node:net')
const path = require('node:path')
const { it } = require('node:test')
const { snippetConfig, snippetNonce } = require('./support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function withServer(extraEnv, use) {
  const port = await freePort()
  const server = spawn(process.execPath, [path.join(__dirname, 'widget-page', 'server.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      CHATWOOT_BASE_URL: 'http://127.0.0.1:45123',
      CHATWOOT_WEBSITE_TOKEN: 'QrtMG8GydFgEy7bVzsLLmHoq',
      CHATWOOT_HMAC_SECRET: SECRET,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      stdout += chunk
      if (stdout.includes('\n')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)))
  })
  try {
    assert.equal(stdout, 'ready\n')
    await use(`http://127.0.0.1:${port}/`)
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    assert.equal(await exited, 0)
  }
}

const PAGE = /^<!doctype html><html><head><meta charset="utf-8"><title>t<\/title><\/head><body><h1>page<\/h1>(<script[\s\S]*<\/script>)<\/body><\/html>$/

it('serves the anonymous page without CSP', async () => {
  await withServer({ CHATWOOT_TEST_USER_JSON: '', CHATWOOT_TEST_CSP: '' }, async (url) => {
    const response = await fetch(url)
    assert.equal(response.headers.get('content-security-policy'), null)
    const [, snippet] = PAGE.exec(await response.text())
    assert.equal(snippetConfig(snippet).user, undefined)
    assert.equal(snippetNonce(snippet), undefined)
  })
})

it('serves the signed user with a fresh nonce per request', async () => {
  const user = { identifier: '9007199254740993', name: '</script>"', email: 'a@b.c', custom_attributes: { plan: 'pro', n: 3 } }
  await withServer({ CHATWOOT_TEST_USER_JSON: JSON.stringify(user), CHATWOOT_TEST_CSP: '1' }, async (url) => {
    const nonces = []
    for (let i = 0; i < 2; i++) {
      const response = await fetch(url)
      const policy = response.headers.get('content-security-policy')
      const [, nonce] = /^script-src 'nonce-([^']+)' 'strict-dynamic'; object-src 'none'; base-uri 'none'$/.exec(policy)
      const [, snippet] = PAGE.exec(await response.text())
      assert.equal(snippetNonce(snippet), nonce)
      const document = snippetConfig(snippet)
      assert.equal(document.nonce, nonce)
      assert.deepEqual(document.user, {
        identifier: user.identifier,
        attributes: {
          identifier_hash: crypto.createHmac('sha256', SECRET).update(user.identifier).digest('hex'),
          name: user.name,
          email: user.email,
          custom_attributes: user.custom_attributes,
        },
      })
      nonces.push(nonce)
    }
    assert.notEqual(nonces[0], nonces[1])
  })
})
