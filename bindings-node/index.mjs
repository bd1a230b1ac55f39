// ES module entry: the same native functions, as named exports.
import binding from './index.js'

export const { identifierHash, verify, diagnose, Signer } = binding
