'use strict'

// The addon in four worker threads at once, every result checked.
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const path = require('node:path')
const { Worker } = require('node:worker_threads')
const { it } = require('node:test')

const WORKERS = 4
const PER_WORKER = 100_000
const SECRET = 'distinctive-secret-Zq7xW3vK9p'

function runWorker(worker) {
  return new Promise((resolve, reject) => {
    const thread = new Worker(path.join(__dirname, '..', 'fixtures', 'hash-worker.js'), {
      workerData: { secret: SECRET, worker, count: PER_WORKER },
    })
    thread.once('message', resolve)
    thread.once('error', reject)
    thread.once('exit', (code) => code !== 0 && reject(new Error(`worker ${worker} exited with ${code}`)))
  })
}

module.exports = function workersSuite() {
  it(`${WORKERS} worker threads hash ${PER_WORKER} identifiers each, all correct`, async () => {
    const reports = await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker(w)))
    for (const [w, report] of reports.entries()) {
      assert.equal(report.worker, w)
      assert.equal(report.hashed, PER_WORKER)
      assert.equal(report.mismatches, 0)
      // The main thread recomputes one worker's stream with Node's HMAC: the reports are real.
      if (w === 0) {
        const digest = crypto.createHash('sha256')
        for (let i = 0; i < PER_WORKER; i++) {
          digest.update(crypto.createHmac('sha256', SECRET).update(`worker-0-user-${i}`).digest('hex'))
        }
        assert.equal(report.digest, digest.digest('hex'))
      }
    }
  })
}
