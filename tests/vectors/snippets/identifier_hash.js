// Chatwoot's documented Node snippet: crypto.createHmac('sha256', key).update(identifier).digest('hex').
// Reads "secret_hex identifier_hex" lines on stdin, prints one identifier_hash per line.
const crypto = require('crypto');
const lines = require('fs').readFileSync(0, 'latin1').split('\n').filter(Boolean);
for (const line of lines) {
  const [key, identifier] = line.split(' ').map((hex) => Buffer.from(hex, 'hex'));
  process.stdout.write(crypto.createHmac('sha256', key).update(identifier).digest('hex') + '\n');
}
