'use strict'

// The suite against the package as `require('chatwoot-identity')` loads it.
require('./suites/index.js')(require('chatwoot-identity'))
