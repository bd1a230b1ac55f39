'use strict'

// Issue 8's leak test: ten million mixed calls, error paths included, leave resident memory
// flat after warm-up. The calls run in a fresh process (`--expose-gc`, no test runner
// allocating beside them); RSS is read after full collections.
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { it } = require('node:test')

const CALLS = 10_000_000
const MB = 1024 * 1024
/** "Flat": what V8's heap may still move by between two settled readings. */
const FLAT_WITHIN = 8 * MB

it(`${CALLS.toLocaleString('en')} mixed calls keep resident memory within ${FLAT_WITHIN / MB} MB after warm-up`, () => {
  const output = execFileSync(process.execPath, ['--expose-gc', path.join(__dirname, 'leak-worker.js'), String(CALLS)], {
    encoding: 'utf8',
    maxBuffer: MB,
  })
  const { calls, afterWarmUp, peak, atEnd, withRetained } = JSON.parse(output)
  const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`
  console.log(`rss after warm-up ${mb(afterWarmUp)}, peak ${mb(peak)}, at the end ${mb(atEnd)}; with 200,000 hashes kept ${mb(withRetained)}`)
  assert.equal(calls, CALLS)
  assert.ok(peak - afterWarmUp < FLAT_WITHIN, `resident memory grew by ${mb(peak - afterWarmUp)}`)
  assert.ok(atEnd - afterWarmUp < FLAT_WITHIN, `resident memory grew by ${mb(atEnd - afterWarmUp)}`)
  // The measurement can see a leak of this size: otherwise the two checks above prove nothing.
  assert.ok(withRetained - atEnd > FLAT_WITHIN, `keeping 200,000 hashes moved RSS by only ${mb(withRetained - atEnd)}`)
})
