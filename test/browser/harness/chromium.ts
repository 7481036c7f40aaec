/**
 * Debian's chromium (/usr/bin/chromium, installed with apt by .ci/run) driven by playwright-core, which
 * never downloads a browser. The flags are the ones this machine needs: no sandbox (we run as root),
 * no GPU, and no background networking, component updates, sync or QUIC, whose connections a machine
 * without network refuses at every start. playwright-core gives each launch a new empty profile
 * (--user-data-dir in a fresh temporary folder) and removes it on close.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no chromium at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium), as .ci/run does`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}
