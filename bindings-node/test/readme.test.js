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
const EXTENSION = { js: '.cjs', javascript: '.cjs', cjs: '.cjs', mjs: '.mjs', ts: '.ts' }

function nodeBlocks(file) {
  if (!fs.existsSync(file)) return []
  const text = fs.readFileSync(file, 'utf8')
  return [...text.matchAll(FENCE)]
    .map((match) => ({ info: match[1].trim().split(/\s+/), code: match[2], line: text.slice(0, match.index).split('\n').length }))
    .filter(({ info }) => EXTENSION[info[0]] && !info.includes('browser'))
}

/**
 * A `ts` block: type-checked by `tsc --strict` as pasted, both as an ES module (`.mts`) and as
 * CommonJS (`.cts`), against the installed package and Express's own types; the CommonJS
 * output is what runs (it finds `express` through NODE_PATH, as the other examples do).
 */
function typeCheckAndCompile(dir, line, code) {
  const devModules = path.resolve(path.dirname(require.resolve('express/package.json')), '..')
  const names = [`line-${line}.mts`, `line-${line}.cts`]
  for (const name of names) fs.writeFileSync(path.join(dir, name), code)
  const config = {
    compilerOptions: {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      // The package's own declarations are checked by `make test-types`; here, the example.
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(devModules, '@types')],
      paths: { express: [path.join(devModules, '@types', 'express', 'index.d.ts')] },
      outDir: path.join(dir, `out-${line}`),
    },
    files: names,
  }
  fs.writeFileSync(path.join(dir, `tsconfig-${line}.json`), JSON.stringify(config))
  try {
    execFileSync(process.execPath, [path.join(devModules, 'typescript', 'bin', 'tsc'), '-p', path.join(dir, `tsconfig-${line}.json`)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (error) {
    assert.fail(`tsc --strict rejects the example at line ${line}:\n${error.stdout}${error.stderr}`)
  }
  return path.join(dir, `out-${line}`, `line-${line}.cjs`)
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
        let file = path.join(scratch, `line-${line}${EXTENSION[info[0]]}`)
        if (info[0] === 'ts') file = typeCheckAndCompile(scratch, line, code)
        else fs.writeFileSync(file, code)
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
  assert.deepEqual([...kinds].sort(), ['.cjs', '.mjs', '.ts'])
})
