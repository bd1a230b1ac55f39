'use strict'

// The Signer object: it never shows its secret, batches equal single hashes, and the async
// batch leaves the event loop free.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const util = require('node:util')
const { describe, it } = require('node:test')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'

/** The independent reference: Node's own HMAC. */
function expectedHash(identifier) {
  return crypto.createHmac('sha256', SECRET).update(String(identifier)).digest('hex')
}

/** How many times the event loop turned while `work()` was pending. */
async function loopTurnsDuring(work) {
  let turns = 0
  let pending = true
  const turn = () => {
    if (!pending) return
    turns += 1
    setImmediate(turn)
  }
  setImmediate(turn)
  try {
    return { result: await work(), turns }
  } finally {
    pending = false
  }
}

module.exports = function signerSuite(api) {
  describe('Signer', () => {
    const signer = new api.Signer(SECRET)

    it('never shows the secret through util.inspect, JSON or string conversion', () => {
      const binarySigner = new api.Signer(Buffer.from(SECRET))
      for (const shown of [
        util.inspect(signer, { showHidden: true, depth: Infinity }),
        util.inspect(binarySigner, { showHidden: true, depth: Infinity }),
        JSON.stringify(signer),
        JSON.stringify({ signer }),
        String(signer),
        util.format('%o %O %j', signer, signer, signer),
        Object.getOwnPropertyNames(signer).join(','),
      ]) {
        assert.ok(!shown.includes(SECRET), `secret shown in ${shown}`)
        assert.ok(!shown.includes(Buffer.from(SECRET).toString('hex')), `secret shown in ${shown}`)
      }
    })

    it('hashes like crypto.createHmac for text, bytes and integers', () => {
      for (const identifier of ['user-42', 'ünïcødé 🙂', 'x'.repeat(1000), 'é'.repeat(300)]) {
        assert.equal(signer.identifierHash(identifier), expectedHash(identifier))
        assert.equal(signer.identifierHash(Buffer.from(identifier)), expectedHash(identifier))
        assert.equal(api.identifierHash(SECRET, identifier), expectedHash(identifier))
      }
      assert.equal(signer.identifierHash(42), expectedHash('42'))
      assert.equal(signer.identifierHash(-7n), expectedHash('-7'))
      assert.equal(signer.identifierHash(9007199254740993n), expectedHash('9007199254740993'))
    })

    it('reads only its view of a shared ArrayBuffer', () => {
      const pool = Buffer.from('xxuser-42yy')
      assert.equal(signer.identifierHash(pool.subarray(2, 9)), expectedHash('user-42'))
    })

    it('hashes a batch in order, equal to hashing one by one, on both sides of the parallel threshold', () => {
      for (const size of [0, 1, 4095, 20_001]) {
        const identifiers = Array.from({ length: size }, (_, i) => (i % 3 === 0 ? i : `user-${i}`))
        const hashes = signer.identifierHashes(identifiers)
        assert.equal(hashes.length, size)
        hashes.forEach((hash, i) => assert.equal(hash, expectedHash(identifiers[i])))
      }
    })

    it("a batch started by a getter of another batch's array reads its own items", () => {
      // Item 66,000 is read in the second round, while the core's pool hashes the first.
      const outer = Array.from({ length: 70_000 }, (_, i) => `user-${i}`)
      const inner = ['inner-a', 'inner-b', 7]
      let innerHashes
      Object.defineProperty(outer, 66_000, {
        get() {
          innerHashes = signer.identifierHashes(inner)
          return 'user-66000'
        },
      })
      const hashes = signer.identifierHashes(outer)
      assert.deepEqual(innerHashes, inner.map(expectedHash))
      assert.equal(hashes.length, outer.length)
      for (const i of [0, 65_999, 66_000, 66_001, 69_999]) assert.equal(hashes[i], expectedHash(`user-${i}`))
    })

    it('the async batch resolves to the same hashes', async () => {
      const identifiers = Array.from({ length: 10_000 }, (_, i) => `user-${i}`)
      const pending = signer.identifierHashesAsync(identifiers)
      assert.ok(pending instanceof Promise)
      assert.deepEqual(await pending, signer.identifierHashes(identifiers))
    })

    it('the async batch does not block the event loop, unlike the synchronous one', async () => {
      const identifiers = Array.from({ length: 400_000 }, (_, i) => `user-${i}`)
      // The control: a synchronous batch lets no turn of the loop happen, so a count above
      // zero below really means the hashing ran elsewhere.
      const blocking = await loopTurnsDuring(async () => signer.identifierHashes(identifiers))
      assert.equal(blocking.turns, 0)
      // A blocking implementation gives zero turns every time; a background one almost always
      // more, unless the thread pool beat the first turn: a few attempts rule that out.
      let background
      for (let attempt = 0; attempt < 3 && !(background?.turns > 0); attempt++) {
        background = await loopTurnsDuring(() => signer.identifierHashesAsync(identifiers))
        assert.deepEqual(background.result, blocking.result)
      }
      assert.ok(background.turns > 0, 'the event loop never turned while the async batch ran')
    })

    it('keeps working while many async batches run at once', async () => {
      const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 1000 }, (_, i) => `${b}-${i}`))
      const results = await Promise.all(batches.map((batch) => signer.identifierHashesAsync(batch)))
      results.forEach((hashes, b) => hashes.forEach((hash, i) => assert.equal(hash, expectedHash(batches[b][i]))))
    })
  })
}
