#!/usr/bin/env node
'use strict'
// Lays out the npm packages the napi-rs way, ready for `npm pack` / `npm publish`:
//   <out>/chatwoot-identity                  the JavaScript package, each platform package as an
//                                            optionalDependency (npm installs only the one whose
//                                            os/cpu/libc match)
//   <out>/chatwoot-identity-<platform>       one per chatwoot-identity.<platform>.node found
// Usage: prepare.js <out> <dir holding chatwoot-identity.<platform>.node files>
// The version is bindings-node/package.json's, which packaging/version.py keeps equal to the
// workspace's. `make dist` runs it with this machine's build; the release workflow with every
// platform's.

const fs = require('node:fs')
const path = require('node:path')

const [out, nodeDir] = process.argv.slice(2)
if (!out || !nodeDir) {
  console.error('usage: prepare.js <out> <dir with chatwoot-identity.<platform>.node files>')
  process.exit(2)
}
const source = path.resolve(__dirname, '../../bindings-node')
const root = path.resolve(__dirname, '../..')
const main = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'))

// napi-rs platform names -> the package.json fields npm matches against the machine.
const PLATFORMS = {
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
}

const binaries = fs
  .readdirSync(nodeDir)
  .map((file) => /^chatwoot-identity\.(.+)\.node$/.exec(file))
  .filter(Boolean)
if (binaries.length === 0) {
  console.error(`no chatwoot-identity.<platform>.node in ${nodeDir}`)
  process.exit(1)
}

fs.rmSync(out, { recursive: true, force: true })
const common = {
  version: main.version,
  license: main.license,
  repository: main.repository,
  engines: main.engines,
}
const licenses = ['LICENSE-MIT', 'LICENSE-APACHE']
const optionalDependencies = {}
for (const [file, platform] of binaries) {
  const fields = PLATFORMS[platform]
  if (!fields) {
    console.error(`unknown platform ${platform} (${file}): add it to PLATFORMS`)
    process.exit(1)
  }
  const name = `${main.name}-${platform}`
  const dir = path.join(out, name)
  fs.mkdirSync(dir, { recursive: true })
  fs.copyFileSync(path.join(nodeDir, file), path.join(dir, file))
  for (const license of licenses) fs.copyFileSync(path.join(root, license), path.join(dir, license))
  fs.writeFileSync(
    path.join(dir, 'README.md'),
    `# ${name}\n\nThe ${platform} binary of [${main.name}](https://www.npmjs.com/package/${main.name}). ` +
      `Install \`${main.name}\`, not this package: npm picks this one on ${platform}.\n`,
  )
  const manifest = {
    name,
    description: `The ${platform} native addon of ${main.name}`,
    ...common,
    ...fields,
    main: file,
    files: [file, ...licenses],
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  optionalDependencies[name] = main.version
}

// The JavaScript package: the files package.json lists, without any local .node build.
const dir = path.join(out, main.name)
fs.mkdirSync(dir, { recursive: true })
const files = main.files.filter((pattern) => !pattern.endsWith('.node'))
for (const file of files) {
  // Entries may sit in subfolders (react/index.js).
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
  fs.copyFileSync(path.join(source, file), path.join(dir, file))
}
fs.copyFileSync(path.join(source, 'README.md'), path.join(dir, 'README.md'))
for (const license of licenses) fs.copyFileSync(path.join(root, license), path.join(dir, license))
const { devDependencies, scripts, ...published } = main
published.files = [...files, ...licenses]
published.optionalDependencies = Object.fromEntries(Object.entries(optionalDependencies).sort())
fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(published, null, 2) + '\n')
console.log(`prepared ${main.name}@${main.version} with ${Object.keys(optionalDependencies).join(', ')}`)
