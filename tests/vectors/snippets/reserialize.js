// What a Node receiver passes after parsing: JSON.stringify(JSON.parse(raw)) (an Express app
// with express.json() and JSON.stringify(req.body)), or the same indented by two spaces.
// Reads "mode json_hex" lines on stdin, prints the hex of each result.
const lines = require('fs').readFileSync(0, 'latin1').split('\n').filter(Boolean);
for (const line of lines) {
  const [mode, hex] = line.split(' ');
  const value = JSON.parse(Buffer.from(hex, 'hex').toString('utf8'));
  const text = { stringify: () => JSON.stringify(value), pretty: () => JSON.stringify(value, null, 2) }[mode]();
  process.stdout.write(Buffer.from(text, 'utf8').toString('hex') + '\n');
}
