// ES module entry of the test kit: testing.js's exports, found by Node's CommonJS export
// detection.
export * from './testing.js'
