'use strict'

// The whole suite, given the package as loaded by `require` or by `import`.
module.exports = function registerAll(api) {
  require('./exports.js')(api)
  require('./vectors.js')(api)
  require('./vectors.js').widgetVectors(api)
  require('./bad-input.js')(api)
  require('./signer.js')(api)
  require('./workers.js')(api)
  require('./widget.js')(api)
  require('./widget-config.js')(api)
  require('./webhook-vectors.js')(api)
  require('./webhook.js')(api)
}
