'use strict'

// `chatwootAutoInject` in a real Express app over loopback: each rule of the automatic
// injection is a check, and each check is also run against a copy of express.js with that
// rule taken out (a mutant compiled from the installed file's source), where it must fail.
const assert = require('node:assert/strict')
const fs = require('node:fs')
const Module = require('node:module')
const zlib = require('node:zlib')
const { describe, it } = require('node:test')
const express = require('express')
const { snippetConfig: configOf } = require('./support/widget-snippet.js')

const SECRET = 'distinctive-secret-Zq7xW3vK9p'
const OPTIONS = { baseUrl: 'https://chat.example.com', websiteToken: 'QrtMG8GydFgEy7bVzsLLmHoq', hmacSecret: SECRET }
const JANE = { identifier: 'user-42', name: 'Jane' }
const PAGE = '<!doctype html><html><head><title>t</title></head><body><h1>hi</h1></body></html>'
const EXPRESS_JS = require.resolve('chatwoot-identity/express')

/** The config of the one widget snippet in a page. */
const snippetConfig = (html) => configOf(html.slice(html.indexOf('<script'), html.lastIndexOf('</script>') + '</script>'.length))

/** The number of widget snippets the core wrote into `html`. */
const snippets = (html) => html.split('var state = w.__chatwootIdentity;').length - 1

/** express.js as installed, or with `from` replaced by `to` (which must be there). */
function loadExpressModule(mutation) {
  if (!mutation) return require(EXPRESS_JS)
  const source = fs.readFileSync(EXPRESS_JS, 'utf8')
  assert.ok(source.includes(mutation.from), `the mutant's code is no longer in express.js: ${mutation.from}`)
  const mutant = new Module(EXPRESS_JS, module)
  mutant.filename = EXPRESS_JS
  mutant.paths = Module._nodeModulePaths(require('node:path').dirname(EXPRESS_JS))
  mutant._compile(source.replace(mutation.from, mutation.to), EXPRESS_JS)
  return mutant.exports
}

function rawGet(url, headers) {
  return new Promise((resolve, reject) => {
    require('node:http')
      .get(url, { headers }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode, text }))
      })
      .on('error', reject)
  })
}

/** Serves `routes(app)` behind the middleware and returns `get(path, headers)`. */
async function withApp(middlewareModule, options, routes, body) {
  const app = express()
  app.use(middlewareModule.chatwootAutoInject({ ...OPTIONS, user: (req) => (req.get('x-user') ? JANE : null), ...options }))
  routes(app)
  const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const origin = `http://127.0.0.1:${server.address().port}`
  const get = async (path, headers = {}) => {
    const response = await fetch(origin + path, { headers: { 'x-user': '1', ...headers } })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  get.origin = origin
  try {
    await body(get)
  } finally {
    server.closeAllConnections()
    server.close()
  }
}

const RULES = [
  {
    title: 'inserts the snippet before the last </body> of an HTML page sent with res.send',
    // The core finds the last </body>; the mutant takes the first, as html.replace would.
    mutation: { from: 'const page = insertWidget(html, String(snippet))', to: "const page = html.replace(/<\\/body\\s*>/i, (tag) => snippet + tag)" },
    async run(mod) {
      const page = '<!doctype html><html><body><pre>&lt;/body&gt; </BODY></pre><p>x</p></BODY ></html>'
      await withApp(mod, {}, (app) => app.get('/', (req, res) => res.send(page)), async (get) => {
        const { status, headers, text } = await get('/')
        assert.equal(status, 200)
        assert.equal(snippets(text), 1)
        assert.ok(text.endsWith('</BODY ></html>'), text.slice(-40))
        assert.ok(text.startsWith('<!doctype html><html><body><pre>&lt;/body&gt; </BODY></pre><p>x</p><script>'))
        assert.equal(snippetConfig(text).user.identifier, 'user-42')
        assert.equal(Number(headers.get('content-length')), Buffer.byteLength(text))
      })
    },
  },
  {
    title: 'also with res.end(body) and a Buffer body',
    mutation: { from: 'else if (Buffer.isBuffer(chunk) || chunk instanceof Uint8Array) {', to: 'else if (false) {' },
    async run(mod) {
      const routes = (app) => {
        app.get('/end', (req, res) => res.type('html').end(PAGE))
        app.get('/buffer', (req, res) => res.type('html').send(Buffer.from(PAGE)))
      }
      await withApp(mod, {}, routes, async (get) => {
        for (const path of ['/end', '/buffer']) assert.equal(snippets((await get(path)).text), 1, path)
      })
    },
  },
  {
    title: 'never into a response that is not HTML',
    mutation: { from: "if (!/^text\\/html\\s*(;|$)/i.test(type)) return false", to: '' },
    async run(mod) {
      const routes = (app) => {
        app.get('/json', (req, res) => res.json({ page: PAGE }))
        app.get('/text', (req, res) => res.type('text/plain').send(PAGE))
        app.get('/xml', (req, res) => res.type('application/xml').send(PAGE))
      }
      await withApp(mod, {}, routes, async (get) => {
        for (const path of ['/json', '/text', '/xml']) assert.equal(snippets((await get(path)).text), 0, path)
      })
    },
  },
  {
    title: 'never into a request that is not for a page (XHR, fetch, Accept: application/json)',
    mutation: { from: "    if (!wantsHtml(req)) {\n      res.locals.chatwootWidget = ''\n      return next()\n    }\n    render(req, res, (error, snippet) => {", to: '    render(req, res, (error, snippet) => {' },
    async run(mod) {
      await withApp(mod, {}, (app) => app.get('/', (req, res) => res.send(PAGE)), async (get) => {
        assert.equal(snippets((await get('/', { 'x-requested-with': 'XMLHttpRequest' })).text), 0)
        assert.equal(snippets((await get('/', { accept: 'application/json' })).text), 0)
        assert.equal(snippets((await get('/', { 'sec-fetch-dest': 'empty' })).text), 0)
        assert.equal(snippets((await get('/', { accept: 'text/html', 'sec-fetch-dest': 'document' })).text), 1)
      })
    },
  },
  {
    title: 'never into a streamed response (res.write before res.end)',
    mutation: {
      from: "if (typeof snippet !== 'string' || snippet === '' || res.headersSent || !isPage(res)) return null",
      to: "if (typeof snippet !== 'string' || snippet === '' || !isPage(res)) return null",
    },
    async run(mod) {
      const routes = (app) =>
        app.get('/', (req, res) => {
          res.type('html')
          res.write('<!doctype html><html><body><h1>streamed</h1>')
          res.end('</body></html>')
        })
      await withApp(mod, {}, routes, async (get) => {
        const { status, text } = await get('/')
        assert.equal(status, 200)
        assert.equal(text, '<!doctype html><html><body><h1>streamed</h1></body></html>')
      })
    },
  },
  {
    title: 'never twice: a page that printed res.locals.chatwootWidget, or holds Chatwoot\'s own snippet',
    // The rule is the core's insert_widget; the mutant inserts naively, as a hand-written middleware would.
    mutation: { from: 'const page = insertWidget(html, String(snippet))', to: "const page = html.replace('</body>', snippet + '</body>')" },
    async run(mod) {
      const pasted = '<html><body><script>window.chatwootSDK.run({ websiteToken: "x", baseUrl: "y" })</script></body></html>'
      const routes = (app) => {
        app.get('/printed', (req, res) => res.send(`<html><body>${res.locals.chatwootWidget}</body></html>`))
        app.get('/pasted', (req, res) => res.send(pasted))
      }
      await withApp(mod, {}, routes, async (get) => {
        assert.equal(snippets((await get('/printed')).text), 1)
        assert.equal((await get('/pasted')).text, pasted)
      })
    },
  },
  {
    title: 'per request opt-out: res.locals.chatwootWidget = false, in the handler or before',
    mutation: {
      from: "if (typeof snippet !== 'string' || snippet === '' || res.headersSent || !isPage(res)) return null",
      to: "if (snippet === '' || res.headersSent || !isPage(res)) return null",
    },
    async run(mod) {
      const app = express()
      app.use('/admin', (req, res, next) => ((res.locals.chatwootWidget = false), next()))
      app.use(mod.chatwootAutoInject({ ...OPTIONS, user: () => JANE }))
      app.get('/admin', (req, res) => res.send(PAGE))
      app.get('/handler', (req, res) => {
        res.locals.chatwootWidget = false
        res.send(PAGE)
      })
      app.get('/', (req, res) => res.send(PAGE))
      const server = await new Promise((resolve) => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
      })
      try {
        const origin = `http://127.0.0.1:${server.address().port}`
        const text = async (path) => (await fetch(origin + path)).text()
        assert.equal(await text('/handler'), PAGE)
        assert.equal(await text('/admin'), PAGE)
        assert.equal(snippets(await text('/')), 1)
      } finally {
        server.closeAllConnections()
        server.close()
      }
    },
  },
  {
    title: 'per environment: enabled: false injects nothing and needs no secret',
    mutation: { from: 'if (!enabled) return { enabled: false }', to: 'if (!enabled && false) return { enabled: false }' },
    async run(mod) {
      const routes = (app) => app.get('/', (req, res) => res.send(PAGE))
      await withApp(mod, { enabled: false }, routes, async (get) => assert.equal((await get('/')).text, PAGE))
      const off = { enabled: false, hmacSecret: undefined, baseUrl: undefined, websiteToken: undefined }
      await withApp(mod, off, routes, async (get) => assert.equal((await get('/')).text, PAGE))
    },
  },
  {
    title: 'never into a compressed body',
    mutation: { from: "if (res.getHeader('content-encoding') && res.getHeader('content-encoding') !== 'identity') return false", to: '' },
    async run(mod) {
      // Stored, not deflated: the gzip stream holds `</body>` as is, where a blind insert would land.
      const gzipped = zlib.gzipSync(PAGE, { level: 0 })
      const routes = (app) => app.get('/', (req, res) => res.set('Content-Encoding', 'gzip').type('html').send(gzipped))
      await withApp(mod, {}, routes, async (get) => {
        assert.equal((await get('/')).text, PAGE)
      })
    },
  },
  {
    title: 'never into a download, which would carry the identity into a saved file',
    mutation: { from: "return !/^\\s*attachment/i.test(String(res.getHeader('content-disposition') ?? ''))", to: 'return true' },
    async run(mod) {
      const routes = (app) => app.get('/report', (req, res) => res.attachment('report.html').type('html').send(PAGE))
      await withApp(mod, {}, routes, async (get) => assert.equal((await get('/report')).text, PAGE))
    },
  },
  {
    title: "a HEAD response's headers never describe the page without its widget",
    mutation: { from: "    res.removeHeader('Content-Length')\n", to: '' },
    async run(mod) {
      await withApp(mod, {}, (app) => app.get('/', (req, res) => res.send(PAGE)), async (get) => {
        const page = await get('/')
        assert.equal(snippets(page.text), 1)
        const head = await fetch(get.origin + '/', { method: 'HEAD', headers: { 'x-user': '1' } })
        const length = head.headers.get('content-length')
        assert.ok(length === null || length === page.headers.get('content-length'), `HEAD says ${length} bytes`)
        assert.equal(head.headers.get('etag'), null, "the ETag of the page without the widget")
      })
    },
  },
  {
    title: 'a page for another user is never a 304 of an earlier one',
    mutation: { from: "      delete req.headers['if-none-match']", to: '      void 0' },
    async run(mod) {
      await withApp(mod, {}, (app) => app.get('/', (req, res) => res.send(PAGE)), async (get) => {
        const anonymous = await get('/', { 'x-user': '' })
        assert.equal(anonymous.headers.get('etag'), null, 'an injected page carries the ETag of the page without it')
        // What Express answers 304 to for this page (its default, weak ETag of the body).
        const etag = require('etag')(PAGE, { weak: true })
        // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request.
        const signedIn = await rawGet(get.origin + '/', { 'x-user': '1', 'if-none-match': etag })
        assert.equal(signedIn.status, 200)
        assert.equal(snippetConfig(signedIn.text).user.identifier, 'user-42')
      })
    },
  },
]

describe('chatwootAutoInject', () => {
  for (const rule of RULES) {
    it(rule.title, () => rule.run(loadExpressModule(null)))
  }
})

describe('chatwootAutoInject checks fail when their rule is taken out', () => {
  for (const rule of RULES) {
    it(rule.title, async () => {
      const mutant = loadExpressModule(rule.mutation)
      // Any failure: a wrong page, or a broken response (a corrupt gzip stream, headers twice).
      await assert.rejects(() => rule.run(mutant))
    })
  }
})
