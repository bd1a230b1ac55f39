'use strict'

// chatwoot-identity/react, as installed: its loader is the core's loader.js (not stale), the
// entry never loads the native addon, and the loader applies a widgetConfig() in a document.
// The component in a real React app, in Chromium, is tests/nextjs.
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const url = require('node:url')
const vm = require('node:vm')
const { describe, it } = require('node:test')
const { repoRoot } = require('./paths.js')
const { widgetConfig } = require('chatwoot-identity')

const packageDir = path.dirname(require.resolve('chatwoot-identity/package.json'))
const reactDir = path.join(packageDir, 'react')
const { render, OUTPUT } = require(path.join(repoRoot, 'bindings-node', 'react', 'generate.js'))
const LOADER = path.join(repoRoot, 'core', 'src', 'widget', 'loader.js')

describe('chatwoot-identity/react', () => {
  it("wraps the core's loader.js as it is now (make build regenerates it)", () => {
    const expected = render(fs.readFileSync(LOADER, 'utf8'))
    assert.ok(fs.readFileSync(path.join(reactDir, OUTPUT), 'utf8') === expected, `react/${OUTPUT} is stale`)
    assert.throws(() => render('var config = 1;'), /0 __CONFIG__ placeholders/)
  })

  it('resolves for import and require, and loads nothing but react and its loader', () => {
    assert.equal(require.resolve('chatwoot-identity/react'), path.join(reactDir, 'index.js'))
    const { exports } = require('chatwoot-identity/package.json')
    assert.deepEqual(exports['./react'], { types: './react/index.d.ts', import: './react/index.mjs', require: './react/index.js' })
    const specifiers = (file) => {
      const text = fs.readFileSync(path.join(reactDir, file), 'utf8').replace(/\/\*[^]*?\*\/|\/\/.*$/gm, '')
      return [...text.matchAll(/(?:require\(|from |import\()\s*'([^']+)'/g)].map((match) => match[1]).sort()
    }
    assert.deepEqual(specifiers('index.mjs'), ['./index.js'])
    assert.deepEqual(specifiers('index.js'), ['./loader.generated.js', 'react'])
    assert.deepEqual(specifiers(OUTPUT), [], OUTPUT)
    for (const file of ['index.mjs', 'index.js']) {
      assert.match(fs.readFileSync(path.join(reactDir, file), 'utf8'), /^'use client'\n/, `${file} is a client module`)
    }
  })

  it('gives import the very component require gives (index.mjs re-exports index.js)', async () => {
    // The entry's files next to a stand-in for React, a peer dependency not installed here.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-identity-react-'))
    try {
      fs.mkdirSync(path.join(dir, 'entry'))
      for (const file of ['index.js', 'index.mjs', OUTPUT]) fs.copyFileSync(path.join(reactDir, file), path.join(dir, 'entry', file))
      fs.mkdirSync(path.join(dir, 'node_modules', 'react'), { recursive: true })
      fs.writeFileSync(path.join(dir, 'node_modules', 'react', 'index.js'), 'exports.useEffect = () => {}\n')
      const required = require(path.join(dir, 'entry', 'index.js'))
      const imported = await import(url.pathToFileURL(path.join(dir, 'entry', 'index.mjs')).href)
      assert.deepEqual(Object.keys(imported).sort(), ['ChatwootWidget', 'applyChatwootConfig'])
      assert.equal(imported.ChatwootWidget, required.ChatwootWidget)
      assert.equal(imported.applyChatwootConfig, required.applyChatwootConfig)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("applies a widgetConfig(): the SDK's script with the nonce, then setUser once the widget is ready", () => {
    const config = widgetConfig({
      baseUrl: 'https://chat.example.com',
      websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq',
      hmacSecret: 'distinctive-secret-Zq7xW3vK9p',
      user: { identifier: 'u-1', email: 'u@example.com' },
      nonce: 'n0nce',
    })
    // Just enough of a document for the loader: listeners, cookies, <head>.
    const listeners = {}
    const appended = []
    const calls = []
    const window = {
      addEventListener: (type, listener) => (listeners[type] = listener),
      console,
    }
    const document = {
      cookie: '',
      head: { appendChild: (element) => appended.push(element) },
      body: {},
      addEventListener() {},
      createElement: (tag) => ({ tag }),
    }
    const context = vm.createContext({ window, document, setTimeout, clearTimeout, exports: {} })
    vm.runInContext(fs.readFileSync(path.join(reactDir, OUTPUT), 'utf8'), context)
    context.exports.applyChatwootConfig(config)
    assert.deepEqual(
      appended.map(({ tag, src, nonce, async }) => ({ tag, src, nonce, async })),
      [{ tag: 'script', src: 'https://chat.example.com/packs/js/sdk.js', nonce: 'n0nce', async: true }],
    )
    window.chatwootSDK = { run: (options) => calls.push(['run', options]) }
    appended[0].onload()
    window.$chatwoot = { setUser: (...args) => calls.push(['setUser', ...args]), reset: () => calls.push(['reset']) }
    listeners['chatwoot:ready']()
    context.exports.applyChatwootConfig(config)
    assert.deepEqual(JSON.parse(JSON.stringify(calls)), [
      ['run', { websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', baseUrl: 'https://chat.example.com' }],
      ['setUser', 'u-1', config.user.attributes],
      ['setUser', 'u-1', config.user.attributes],
    ])
    assert.equal(appended.length, 1, 'the SDK is loaded once')
  })
})
