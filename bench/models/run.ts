/**
 * How far public models get (issue 22): every `.bpmn` file under a folder goes through the deploy
 * pipeline's reading, validation and compilation (`loadBpmn`, no database), and the script prints
 * how many would deploy (executable or documentation only) and which rules refuse the rest.
 *
 *   npm run bench:models -- <folder>     # e.g. a checkout of github.com/bpmn-miwg/bpmn-miwg-test-suite,
 *                                        # its Reference and "bpmn.io (Camunda Modeler) 18.6.1" folders
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadBpmn } from '#bpmn';

const filesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.bpmn') ? [path] : [];
  });

async function outcomeOf(path: string): Promise<{ outcome: string; rules: string[] }> {
  try {
    const { processes, problems } = await loadBpmn(readFileSync(path, 'utf8'));
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) return { outcome: 'refused', rules: [...new Set(errors.map((problem) => problem.rule))] };
    return { outcome: processes.some((graph) => graph.executable === false) ? 'deploys, documentation only' : 'deploys, executable', rules: [] };
  } catch (error) {
    return { outcome: 'refused', rules: [(error as { code?: string }).code ?? 'unreadable'] };
  }
}

async function main() {
  const folders = process.argv.slice(2);
  if (folders.length === 0) throw new Error('Name one or more folders holding .bpmn files: npm run bench:models -- <folder>');
  const files = folders.flatMap(filesUnder);
  const outcomes = new Map<string, number>();
  const refusingRules = new Map<string, number>();
  for (const file of files) {
    const { outcome, rules } = await outcomeOf(file);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    for (const rule of rules) refusingRules.set(rule, (refusingRules.get(rule) ?? 0) + 1);
  }
  console.log(`\n${files.length} models under ${folders.join(', ')}`);
  console.table([...outcomes].map(([outcome, models]) => ({ outcome, models })));
  console.log('Rules refusing the others (a model may be refused by several):');
  console.table([...refusingRules].sort((a, b) => b[1] - a[1]).map(([rule, models]) => ({ rule, models })));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
