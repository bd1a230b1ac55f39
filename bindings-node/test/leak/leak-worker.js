'use strict'

// Run as `node --expose-gc leak-worker.js <calls>`: makes `calls` mixed calls into the addon
// (one-off and Signer hashes, verify, integer identifiers, bytes, widget snippets and
// payloads, and their error paths), and prints resident-memory figures as JSON.
const assert = require('node:assert/strict')
const api = require('chatwoot-identity')

const TOTAL_CALLS = Number(process.argv[2])
const WARM_UP_CALLS = Math.floor(TOTAL_CALLS / 10)
const CHUNK = 500_000
const SECRET = 'distinctive-secret-Zq7xW3vK9p'

const signer = new api.Signer(SECRET)
const widget = { baseUrl: 'https://chat.example.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: signer }
// A fixed pool of arguments, so the loop allocates nothing of its own that could look like a leak.
const ids = Array.from({ length: 1024 }, (_, i) => `user-${i}-${'x'.repeat(i % 300)}`)
const hashes = ids.map((id) => signer.identifierHash(id))
const bytes = Buffer.from('user-bytes')
const user = { identifier: 'user-1', name: 'Jane', email: 'jane@example.com', customAttributes: { plan: 'pro', seats: 3 } }

function expectThrow(call) {
  try {
    call()
  } catch {
    return
  }
  throw new Error('an error path did not throw')
}

/** One call of a mix where about 1 in 20 takes an error path; returns a value to consume. */
function call(i) {
  const id = ids[i & 1023]
  switch (i % 20) {
    case 0: return api.identifierHash(SECRET, id)
    case 1: return api.verify(SECRET, id, hashes[i & 1023])
    case 2: return signer.verify(id, 'f'.repeat(64))
    case 3: return signer.identifierHash(i)
    case 4: return signer.identifierHash(BigInt(i) << 70n)
    case 5: return signer.identifierHash(bytes)
    case 6: return expectThrow(() => signer.identifierHash(''))
    case 7: return expectThrow(() => api.identifierHash(SECRET, null))
    case 8: return (i & 0xff) === 8 ? api.widgetScript({ ...widget, user, nonce: 'bm9uY2U=' }) : signer.identifierHash(id)
    case 9: return (i & 0xff) === 9 ? api.setUserPayload(SECRET, user) : api.verify(SECRET, id, id)
    case 10: return (i & 0xff) === 10 ? expectThrow(() => api.widgetScript({ ...widget, user: { identifier: 'u', name: 5 } })) : signer.verify(i, id)
    case 11: return (i & 0xff) === 11 ? signer.identifierHashes([id, i, bytes])[1] : signer.identifierHash(id)
    default: return signer.identifierHash(id)
  }
}

function settledRss() {
  for (let i = 0; i < 4; i++) globalThis.gc()
  return process.memoryUsage().rss
}

function run(from, to) {
  let sink = 0
  for (let i = from; i < to; i++) {
    const result = call(i)
    if (typeof result === 'string') sink += result.length
  }
  return sink
}

assert.equal(typeof globalThis.gc, 'function', 'run with --expose-gc')
run(0, WARM_UP_CALLS)
const afterWarmUp = settledRss()
let peak = afterWarmUp
for (let from = WARM_UP_CALLS; from < TOTAL_CALLS; from += CHUNK) {
  run(from, Math.min(TOTAL_CALLS, from + CHUNK))
  peak = Math.max(peak, settledRss())
}
const atEnd = settledRss()

// The control: keeping 200,000 hashes alive (about 16 MB) must show in the same measurement,
// or a flat figure above would prove nothing.
const kept = []
for (let i = 0; i < 200_000; i++) kept.push(signer.identifierHash(i))
const withRetained = settledRss()

process.stdout.write(JSON.stringify({ calls: TOTAL_CALLS, afterWarmUp, peak, atEnd, withRetained, kept: kept.length }))
