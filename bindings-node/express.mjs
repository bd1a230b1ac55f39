// ES module entry of the Express middlewares: express.js's exports, found by Node's CommonJS
// export detection.
export * from './express.js'
