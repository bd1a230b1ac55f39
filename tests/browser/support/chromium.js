'use strict';
// Debian's Chromium driven by playwright-core (its own browser download does not work here).
// The flags keep it from reaching for Google's services, which this machine's closed network
// refuses; the host resolver rule makes any name other than loopback fail, so nothing the page
// does can leave 127.0.0.1.

const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

module.exports = { launchChromium, CHROMIUM };
