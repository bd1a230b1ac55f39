'use strict'

// Runs every Node example of the package README and of the repository README. A block tagged
// `js`/`javascript`/`cjs` runs as CommonJS, `mjs` as an ES module; a block whose info string
// also says `browser` is page code and is skipped. A missing root README has zero blocks.
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')
const { describe, it, after } = require('node:test')
const { readmes } = require('./paths.js')

const FENCE = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm
const EXTENSION = { js: '.cjs', javascript: '.cjs', cjs: '.cjs', mjs: '.mjs' }

function nodeBlocks(file) {
  if (!fs.existsSync(file)) return []
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(FENCE)]
    .map((match) => ({ info: match[1].trim().split(/\s+/), code: match[2], line: text.slice(0, match.index).split('\n').length }))
    .filter(({ info }) => EXTENSION[info[0]] && !info.includes('browser'))
}

// Inside the test folder, `chatwoot-identity` resolves to the package under test: by its own
// name in the source tree, through node_modules in a project that installed the tarball.
const scratch = fs.mkdtempSync(path.join(__dirname, '.readme-'))
after(() => fs.rmSync(scratch, { recursive: true, force: true }))

assert.ok(fs.existsSync(readmes[0]), `${readmes[0]} is missing`)

for (const readme of readmes) {
  const blocks = nodeBlocks(readme)
  describe(`${path.relative(path.join(__dirname, '..', '..'), readme) || readme}: ${blocks.length} Node examples`, () => {
    for (const { info, code, line } of blocks) {
      it(`the example at line ${line}`, () => {
        const file = path.join(scratch, `line-${line}${EXTENSION[info[0]]}`)
        fs.writeFileSync(file, code)
        execFileSync(process.execPath, [path.join(__dirname, 'support', 'run-readme-block.js'), file], {
          cwd: scratch,
          env: { ...process.env, CHATWOOT_HMAC_SECRET: 'your-secret-token-for-hmac', CHATWOOT_WEBHOOK_SECRET: 'Sx5GdKjW7rvbcaQ8JtUmHn2p' },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      })
    }
  })
}

it('the package README has Node examples of both module systems', () => {
  const kinds = new Set(nodeBlocks(readmes[0]).map(({ info }) => EXTENSION[info[0]]))
  assert.deepEqual([...kinds].sort(), ['.cjs', '.mjs'])
})
