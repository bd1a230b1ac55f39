// A receiver's check in Node: crypto.createHmac('sha256', secret).update(`${ts}.`).update(body).
// Reads "secret_hex timestamp_hex body_hex" lines on stdin, prints one X-Chatwoot-Signature per line.
const crypto = require('crypto');
const lines = require('fs').readFileSync(0, 'latin1').split('\n').filter(Boolean);
for (const line of lines) {
  const [secret, ts, body] = line.split(' ').map((hex) => Buffer.from(hex, 'hex'));
  const mac = crypto.createHmac('sha256', secret).update(ts).update('.').update(body);
  process.stdout.write(`sha256=${mac.digest('hex')}\n`);
}
