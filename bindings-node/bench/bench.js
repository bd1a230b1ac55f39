'use strict'

// `make bench`: our calls against crypto.createHmac in the same process, interleaved round by
// round so both see the same machine load; the median round counts. Prints a table and writes
// target/bench/node.json. Each figure is wall time; the process's CPU time (every thread, so a
// parallel batch counts all its cores) is reported beside it, which a busy shared machine
// skews far less. The webhook rows verify a 1 KB and a 64 KB Buffer body against the
// straightforward check with createHmac and timingSafeEqual.
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const { identifierHash, Signer, verifyWebhook, WebhookVerifier, signWebhook } = require('chatwoot-identity')

const SECRET = 'your-secret-token-for-hmac'
const IDENTIFIER = '0b1b7f3e-6f4e-4a53-9c1d-2f8a5e7c9d10' // 36 bytes, the size
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7)
const BATCH = 1_000_000
const repoRoot = process.env.CHATWOOT_IDENTITY_REPO || path.resolve(__dirname, '..', '..')

const createHmac = (id) => crypto.createHmac('sha256', SECRET).update(id).digest('hex')

/** `{ wall, cpu }` nanoseconds of `fn()`, divided by `count`. */
function timed(fn, count) {
  const cpuStart = process.cpuUsage()
  const start = process.hrtime.bigint()
  fn()
  const wall = Number(process.hrtime.bigint() - start)
  const { user, system } = process.cpuUsage(cpuStart)
  return { wall: wall / count, cpu: ((user + system) * 1000) / count }
}

/** Nanoseconds per call of `fn` over `iterations` calls. */
function timeCalls(fn, iterations) {
  let sink = 0
  const time = timed(() => {
    for (let i = 0; i < iterations; i++) sink += fn().length
  }, iterations)
  if (sink !== iterations * 64) throw new Error('a call returned something other than a hash')
  return time
}

/** Nanoseconds per identifier of `fn(ids)`. */
function timeBatch(fn, ids) {
  let hashes
  const time = timed(() => (hashes = fn(ids)), ids.length)
  if (hashes.length !== ids.length) throw new Error('a batch lost identifiers')
  return time
}

/** Nanoseconds per call of `verify`, which must accept every time. */
function timeVerify(verify, iterations) {
  let accepted = 0
  const time = timed(() => {
    for (let i = 0; i < iterations; i++) if (verify()) accepted += 1
  }, iterations)
  if (accepted !== iterations) throw new Error('a webhook was not verified')
  return time
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function measure(cases) {
  const samples = cases.map(() => ({ ours: [], competitor: [] }))
  for (let round = 0; round < ROUNDS; round++) {
    cases.forEach((c, i) => {
      samples[i].competitor.push(c.competitor())
      samples[i].ours.push(c.ours())
    })
  }
  return cases.map((c, i) => {
    const ours = median(samples[i].ours.map((t) => t.wall))
    const competitor = median(samples[i].competitor.map((t) => t.wall))
    const oursCpu = median(samples[i].ours.map((t) => t.cpu))
    const competitorCpu = median(samples[i].competitor.map((t) => t.cpu))
    const ratio = ours / competitor
    return {
      language: 'node',
      call: c.call,
      ours_ns: Number(ours.toFixed(1)),
      competitor: c.competitorName,
      competitor_ns: Number(competitor.toFixed(1)),
      ratio: Number(ratio.toFixed(3)),
      target_ratio: c.target,
      met: ratio <= c.target,
      ours_cpu_ns: Number(oursCpu.toFixed(1)),
      competitor_cpu_ns: Number(competitorCpu.toFixed(1)),
      cpu_ratio: Number((oursCpu / competitorCpu).toFixed(3)),
    }
  })
}

const signer = new Signer(SECRET)
const ids = Array.from({ length: BATCH }, (_, i) => `${IDENTIFIER.slice(0, 28)}${String(i).padStart(8, '0')}`)
const CALLS = 200_000
// Warm both sides up before the first measured round.
timeCalls(() => createHmac(IDENTIFIER), CALLS)
timeCalls(() => identifierHash(SECRET, IDENTIFIER), CALLS)
timeCalls(() => signer.identifierHash(IDENTIFIER), CALLS)

const WEBHOOK_SECRET = 'Sx5GdKjW7rvbcaQ8JtUmHn2p'
const NOW = 1_767_225_600
const verifier = new WebhookVerifier(WEBHOOK_SECRET)

/** The straightforward receiver: prefix, HMAC of `ts.body` in hex, constant-time compare, age. */
function createHmacVerify(body, signature, timestamp, now) {
  if (!signature.startsWith('sha256=')) return false
  const expected = Buffer.from(crypto.createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.`).update(body).digest('hex'))
  const given = Buffer.from(signature.slice(7))
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) && Math.abs(now - Number(timestamp)) <= 300
}

function webhookCases(size, label, iterations) {
  const body = Buffer.alloc(size, '{"event":"message_created","content":"webhook body"}')
  const { signature, timestamp } = signWebhook(WEBHOOK_SECRET, body, NOW - 2)
  const competitor = () => timeVerify(() => createHmacVerify(body, signature, timestamp, NOW), iterations)
  const competitorName = "crypto.createHmac('sha256', key).update(ts + '.').update(body).digest('hex') + timingSafeEqual"
  const target = size <= 1024 ? 0.5 : 1.0
  timeVerify(() => verifier.verify(body, { signature, timestamp, now: NOW }), iterations)
  return [
    {
      call: `verifyWebhook(secret, ${label} Buffer, { signature, timestamp })`,
      competitorName,
      competitor,
      ours: () => timeVerify(() => verifyWebhook(WEBHOOK_SECRET, body, { signature, timestamp, now: NOW }), iterations),
      target,
    },
    {
      call: `webhookVerifier.verify(${label} Buffer, { signature, timestamp })`,
      competitorName,
      competitor,
      ours: () => timeVerify(() => verifier.verify(body, { signature, timestamp, now: NOW }), iterations),
      target,
    },
  ]
}

// BENCH_ONLY=webhook (any part of a row's call) measures only the rows that match.
const only = process.env.BENCH_ONLY
const results = measure([
  {
    call: 'identifierHash(secret, id)',
    competitorName: "crypto.createHmac('sha256', key).update(id).digest('hex')",
    competitor: () => timeCalls(() => createHmac(IDENTIFIER), CALLS),
    ours: () => timeCalls(() => identifierHash(SECRET, IDENTIFIER), CALLS),
    target: 0.25,
  },
  {
    call: 'new Signer(secret) then signer.identifierHash(id)',
    competitorName: "crypto.createHmac('sha256', key).update(id).digest('hex')",
    competitor: () => timeCalls(() => createHmac(IDENTIFIER), CALLS),
    ours: () => timeCalls(() => signer.identifierHash(IDENTIFIER), CALLS),
    target: 0.15,
  },
  {
    call: `signer.identifierHashes(${BATCH} ids), per id`,
    competitorName: 'a loop of createHmac over the same ids, per id',
    competitor: () => timeBatch((all) => all.map(createHmac), ids),
    ours: () => timeBatch((all) => signer.identifierHashes(all), ids),
    target: 0.1,
  },
  ...webhookCases(1024, '1 KB', 100_000),
  ...webhookCases(64 * 1024, '64 KB', 5_000),
].filter((c) => !only || c.call.includes(only)))

const rows = [['call', 'ours ns', 'createHmac ns', 'ratio', 'target', 'met', 'cpu ratio']].concat(
  results.map((r) => [r.call, r.ours_ns.toFixed(1), r.competitor_ns.toFixed(1), `${r.ratio.toFixed(3)}x`, `<= ${r.target_ratio}x`, r.met ? 'yes' : 'NO', `${r.cpu_ratio.toFixed(3)}x`]),
)
const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)))
for (const row of rows) console.log(row.map((cell, col) => cell.padEnd(widths[col])).join('  '))
const load = require('node:os').loadavg()[0].toFixed(1)
console.log(`(median of ${ROUNDS} interleaved rounds; Node ${process.version}; ${require('node:os').cpus().length} cores, load ${load})`)

const out = path.join(repoRoot, 'target', 'bench', 'node.json')
fs.mkdirSync(path.dirname(out), { recursive: true })
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`)
console.log(`wrote ${out}`)
