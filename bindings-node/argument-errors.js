'use strict'

// The error the package throws for a bad argument, made as Node's own APIs make theirs: the
// class (TypeError, RangeError) and Node's `code` (`ERR_INVALID_ARG_TYPE`, ...).
function argumentError(Class, code, message) {
  return Object.assign(new Class(message), { code })
}

/** An argument of the wrong type. */
const typeError = (message) => argumentError(TypeError, 'ERR_INVALID_ARG_TYPE', message)

module.exports = { argumentError, typeError }
