'use strict'

// Every class of bad argument: the exact error class, `err.code`, the parameter named, and
// never the secret in the message.
const assert = require('node:assert/strict')
const { describe, it } = require('node:test')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const ID = 'user-42'
const HASH = '0'.repeat(64)

const notTextOrBytes = {
  'undefined': undefined,
  'null': null,
  'a boolean': true,
  'a number': 42,
  'a bigint': 42n,
  'a plain object': { toString: () => SECRET },
  'an array': [SECRET],
  'a Symbol': Symbol('x'),
  'a function': () => SECRET,
  'a Uint16Array': new Uint16Array([1, 2]),
  'a DataView': new DataView(new ArrayBuffer(4)),
  'an ArrayBuffer': new ArrayBuffer(4),
  'a String object': new String(SECRET),
}

const notAnIdentifier = {
  'undefined': undefined,
  'null': null,
  'a boolean': false,
  'a float': 1.5,
  'NaN': NaN,
  'Infinity': Infinity,
  'an unsafe integer (2 ** 53)': 2 ** 53,
  'a negative unsafe integer': -(2 ** 53) - 2,
  'a plain object': { id: 1 },
  'an array': ['user-42'],
  'a Symbol': Symbol('x'),
  'a Float64Array': new Float64Array([1]),
  'a Date': new Date(0),
}

const bigintsOutOfRange = {
  '2n ** 128n': 2n ** 128n,
  '-(2n ** 127n) - 1n': -(2n ** 127n) - 1n,
  '2n ** 200n': 2n ** 200n,
}

function typeError(param) {
  return (error) => {
    assert.equal(error.constructor, TypeError)
    assert.equal(error.code, 'ERR_INVALID_ARG_TYPE')
    assert.match(error.message, new RegExp(`^${param.replace(/[[\]]/g, '\\$&')} must be `))
    assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
    return true
  }
}

function rangeError(param) {
  return (error) => {
    assert.equal(error.constructor, RangeError)
    assert.equal(error.code, 'ERR_OUT_OF_RANGE')
    assert.match(error.message, new RegExp(`^${param} must be `))
    return true
  }
}

function domainError(code) {
  return (error) => {
    assert.equal(error.constructor, Error)
    assert.equal(error.code, code)
    assert.ok(!error.message.includes(SECRET), 'the secret leaked into the message')
    return true
  }
}

module.exports = function badInputSuite(api) {
  const signer = new api.Signer(SECRET)

  describe('a secret of the wrong type is a TypeError naming `secret`', () => {
    for (const [name, value] of Object.entries(notTextOrBytes)) {
      it(name, () => {
        assert.throws(() => api.identifierHash(value, ID), typeError('secret'))
        assert.throws(() => api.verify(value, ID, HASH), typeError('secret'))
        assert.throws(() => api.diagnose(value, ID, HASH), typeError('secret'))
        assert.throws(() => new api.Signer(value), typeError('secret'))
      })
    }
  })

  describe('an identifier of the wrong type is a TypeError naming `identifier`', () => {
    for (const [name, value] of Object.entries(notAnIdentifier)) {
      it(name, async () => {
        assert.throws(() => api.identifierHash(SECRET, value), typeError('identifier'))
        assert.throws(() => api.verify(SECRET, value, HASH), typeError('identifier'))
        assert.throws(() => api.diagnose(SECRET, value, HASH), typeError('identifier'))
        assert.throws(() => signer.identifierHash(value), typeError('identifier'))
        assert.throws(() => signer.verify(value, HASH), typeError('identifier'))
        assert.throws(() => signer.identifierHashes(['ok', value]), typeError('identifiers[1]'))
        // Arguments are read before the work leaves the main thread: a synchronous throw.
        assert.throws(() => signer.identifierHashesAsync(['ok', 'ok', value]), typeError('identifiers[2]'))
      })
    }
  })

  describe('a bigint beyond 128 bits is a RangeError naming `identifier`', () => {
    for (const [name, value] of Object.entries(bigintsOutOfRange)) {
      it(name, () => {
        assert.throws(() => api.identifierHash(SECRET, value), rangeError('identifier'))
        assert.throws(() => signer.verify(value, HASH), rangeError('identifier'))
        assert.throws(() => signer.identifierHashes([value]), rangeError('identifiers\\[0\\]'))
      })
    }
  })

  it('the bigints at both ends of the range are hashed as their decimal text', () => {
    for (const value of [2n ** 128n - 1n, -(2n ** 127n), 2n ** 64n, -1n, 0n]) {
      assert.equal(signer.identifierHash(value), signer.identifierHash(value.toString()))
    }
    assert.equal(signer.identifierHash(Number.MAX_SAFE_INTEGER), signer.identifierHash('9007199254740991'))
    assert.equal(signer.identifierHash(-0), signer.identifierHash('0'))
  })

  describe('an identifierHash of the wrong type is a TypeError naming `identifierHash`', () => {
    for (const [name, value] of Object.entries(notTextOrBytes)) {
      it(name, () => {
        assert.throws(() => api.verify(SECRET, ID, value), typeError('identifierHash'))
        assert.throws(() => signer.verify(ID, value), typeError('identifierHash'))
        assert.throws(() => api.diagnose(SECRET, ID, value), typeError('identifierHash'))
      })
    }
  })

  it('identifiers that are not an array are a TypeError naming `identifiers`', () => {
    for (const value of [undefined, null, 'abc', new Set(['a']), { length: 1, 0: 'a' }]) {
      assert.throws(() => signer.identifierHashes(value), typeError('identifiers'))
      assert.throws(() => signer.identifierHashesAsync(value), typeError('identifiers'))
    }
  })

  it('a bad item is named by its place in the whole batch, however the array holds it', async () => {
    // Past the first chunk that index.js hands to the addon in one call.
    const late = Array.from({ length: 3000 }, (_, i) => (i === 2500 ? null : `user-${i}`))
    assert.throws(() => signer.identifierHashes(late), typeError('identifiers[2500]'))
    assert.throws(() => signer.identifierHashesAsync(late), typeError('identifiers[2500]'))
    // eslint-disable-next-line no-sparse-arrays
    assert.throws(() => signer.identifierHashes(['a', , 'b']), typeError('identifiers[1]'))
  })

  it('an array that its own getter shrinks during the batch is an error, never a short result', () => {
    // Shrunk within the chunk being read, past its end, and to a chunk's edge (1024 items each).
    for (const shrinkTo of [1600, 2048, 2900]) {
      const identifiers = Array.from({ length: 3000 }, (_, i) => `user-${i}`)
      Object.defineProperty(identifiers, 1500, {
        get() {
          identifiers.length = shrinkTo
          return 'user-1500'
        },
      })
      const shrunk = /^(TypeError: identifiers\[\d+\] must be|Error: identifiers changed size during the batch)/
      assert.throws(() => signer.identifierHashes(identifiers), shrunk, `shrunk to ${shrinkTo}`)
    }
  })

  it("an array's own slice, or a later patched Array.prototype.slice, changes nothing", () => {
    const identifiers = Array.from({ length: 3000 }, (_, i) => `user-${i}`)
    const expected = identifiers.map((id) => signer.identifierHash(id))
    class Tricky extends Array {}
    Tricky.prototype.slice = () => []
    assert.deepEqual(signer.identifierHashes(Tricky.from(identifiers)), expected)
    const slice = Array.prototype.slice
    try {
      Array.prototype.slice = () => []
      assert.deepEqual(signer.identifierHashes(identifiers), expected)
    } finally {
      Array.prototype.slice = slice
    }
  })

  it('empty values are domain errors with the core codes', async () => {
    for (const empty of ['', Buffer.alloc(0), new Uint8Array(0)]) {
      assert.throws(() => new api.Signer(empty), domainError('empty_secret'))
      assert.throws(() => api.identifierHash(empty, ID), domainError('empty_secret'))
      assert.throws(() => api.identifierHash(SECRET, empty), domainError('empty_identifier'))
      assert.throws(() => signer.identifierHash(empty), domainError('empty_identifier'))
      assert.throws(() => signer.verify(empty, HASH), domainError('empty_identifier'))
    }
    assert.throws(() => signer.identifierHashes(['a', 'b', '']), (error) => {
      domainError('empty_identifier')(error)
      assert.match(error.message, /^identifiers\[2\]/)
      return true
    })
    // Past the first 65,536 identifiers, which the binding hands to the core separately.
    const big = Array.from({ length: 70_000 }, (_, i) => (i === 66_000 ? '' : `user-${i}`))
    assert.throws(() => signer.identifierHashes(big), /^Error: identifiers\[66000\] must not be empty/)
    await assert.rejects(signer.identifierHashesAsync(big), /^Error: identifiers\[66000\] must not be empty/)
    await assert.rejects(signer.identifierHashesAsync(['a', '']), (error) => {
      domainError('empty_identifier')(error)
      assert.match(error.message, /^identifiers\[1\]/)
      return true
    })
  })

  it('malformed candidates are false, never an error', () => {
    const right = signer.identifierHash(ID)
    for (const candidate of ['', right.toUpperCase(), ` ${right}`, right.slice(1), 'zz', Buffer.from(right, 'hex')]) {
      assert.equal(signer.verify(ID, candidate), false)
      assert.equal(api.verify(SECRET, ID, candidate), false)
    }
    assert.equal(signer.verify(ID, right), true)
    assert.equal(signer.verify(ID, Buffer.from(right)), true)
  })
}
