// ES module entry: the same functions, as named exports. Node finds the names in index.js's
// `module.exports = { ... }` literal (its CommonJS export detection), so they are listed once.
export * from './index.js'
