'use strict'

// The native addon, through the loader napi-rs generates (binding.js): a local build next to
// this file, else the platform package `chatwoot-identity-<platform>` that npm installs as an
// optional dependency. When neither loads, this says which platform this is and what to do,
// instead of napi-rs's general advice.

function platformName() {
  const { platform, arch } = process
  if (platform === 'linux') {
    const report = typeof process.report?.getReport === 'function' ? process.report.getReport() : null
    const glibc = report?.header?.glibcVersionRuntime
    const abi = arch === 'arm' ? 'gnueabihf' : 'gnu'
    return `linux-${arch}-${glibc ? abi : 'musl'}`
  }
  if (platform === 'win32') return `win32-${arch}-msvc`
  return `${platform}-${arch}`
}

function noBinding(cause) {
  const platform = platformName()
  const wanted = `chatwoot-identity-${platform}`
  const { optionalDependencies = {}, version } = require('./package.json')
  const prebuilt = Object.keys(optionalDependencies).map((name) => name.replace('chatwoot-identity-', ''))
  const advice = prebuilt.includes(platform)
    ? `Its prebuilt binary is the package ${wanted}@${version}, an optional dependency that was not ` +
      'installed or did not load: reinstall without --omit=optional (or --no-optional), and if a ' +
      'lockfile written on another platform left it out, delete node_modules and package-lock.json ' +
      `and run npm install again, or add it yourself: npm install ${wanted}@${version}.`
    : `No prebuilt binary is published for ${platform}` +
      (prebuilt.length ? ` (there are for ${prebuilt.join(', ')})` : '') +
      ': build it from the repository with a Rust toolchain (cd bindings-node && npm ci && npm run build).'
  const error = new Error(`chatwoot-identity cannot load its native addon on ${platform}. ${advice}`)
  error.code = 'CHATWOOT_IDENTITY_NO_NATIVE_BINDING'
  error.platform = platform
  error.cause = cause
  return error
}

try {
  module.exports = require('./binding.js')
} catch (error) {
  throw noBinding(error)
}
