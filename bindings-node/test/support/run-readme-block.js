'use strict'

// Runs one README example. An example that exports an app (something with `listen`, as the
// Express ones do) is also served once over loopback: its `/` must answer without a server
// error, so a middleware that only loads but fails per request is caught too.
const { pathToFileURL } = require('node:url')

async function main(file) {
  const loaded = await import(pathToFileURL(file).href)
  // A compiled TypeScript example's `export default` is `exports.default` of CommonJS.
  const app = typeof loaded.default?.listen === 'function' ? loaded.default : loaded.default?.default
  if (typeof app?.listen !== 'function') return
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  try {
    const response = await fetch(`http://127.0.0.1:${server.address().port}/`)
    const body = await response.text()
    if (response.status >= 500) throw new Error(`GET / answered ${response.status}: ${body.slice(0, 500)}`)
    process.stdout.write(body)
  } finally {
    server.close()
  }
}

main(process.argv[2]).catch((error) => {
  console.error(error)
  process.exit(1)
})
