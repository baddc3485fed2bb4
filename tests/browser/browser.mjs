// Debian's chromium, driven by playwright-core (no browser download).
import { chromium } from 'playwright-core';

const OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', // the tests run as root
    '--disable-gpu',
    // Without these, chromium keeps calling out to a network that is not there.
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export function launchBrowser() {
  return chromium.launch(OPTIONS);
}

// A browser with a profile on disk, to be closed and started again on it.
export function launchPersistent(userDataDir, contextOptions = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...OPTIONS, ...contextOptions });
}
