'use strict';
// Starts the page servers as child processes, each in a process group of its own, so that
// stopping one also stops what it started (`make` -> the framework's server). Every group still
// running when this process exits is killed, also when a test failed or threw.

const { spawn } = require('node:child_process');
const net = require('node:net');

const running = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the server is told to listen on it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs `command args` with `env` added to this process's environment and waits for the line
 * `ready` on its stdout. Rejects, with what it printed, if it exits first or takes longer
 * than `timeoutMs`.
 */
function startServer({ name, command, args, env, cwd, timeoutMs }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const stop = async () => {
    if (!running.has(child)) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // make's children may outlive make itself after SIGTERM; end the whole group.
    killGroup(child, 'SIGKILL');
  };
  const ready = new Promise((resolve, reject) => {
    let stdoutBuffer = '';
    const timer = setTimeout(() => {
      reject(new Error(`${name}: no "ready" within ${timeoutMs} ms; it printed:\n${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      stdoutBuffer += chunk;
      if (stdoutBuffer.split('\n').some((line) => line.trim() === 'ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${name}: cannot start ${command}: ${err.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      const hint = /No rule to make target .widget-page-server/.test(output)
        ? ' (its Makefile has no widget-page-server target)'
        : '';
      reject(new Error(`${name}: exited (code ${code}, signal ${signal}) before printing "ready"${hint}:\n${output}`));
    });
  });
  return {
    ready: ready.catch(async (err) => {
      await stop();
      throw err;
    }),
    stop,
    output: () => output,
  };
}

module.exports = { freePort, startServer };
