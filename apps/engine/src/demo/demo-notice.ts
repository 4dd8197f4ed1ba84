import { DEMO_PASSWORD } from '../users/demo-identity.js';
import type { DemoOutcome } from './demo-seeder.js';

/** What `npm run demo` prints once the engine listens: where to look, and that the history is simulated. */
export const demoNotice = (port: number, outcome: DemoOutcome): string => {
  const base = `http://localhost:${port}/`;
  const written = outcome.seeded
    ? `${outcome.historyCases} simulated as-is cases, ${outcome.pilotCases} simulated pilot cases (${outcome.steps} steps), ${outcome.liveCases} live cases`
    : 'the demo data seeded before';
  return [
    `Demo ready: ${written}. Simulated cases are marked "simulated" in the API and the web app.`,
    `  Insights (sign in as alex; version 1 is the as-is process with its 90 days, version 2 the to-be pilot): ${base}#/insights`,
    `  Experiment dashboard (as-is vs to-be, verdict): ${base}#/insights/experiments/${outcome.experimentId}`,
    `  Tasklist (live cases; sign in as ana, ben or eva): ${base}#/tasklist`,
    `  API: ${base}api/experiments/${outcome.experimentId}/analysis, ${base}api/analytics/kpis?processKey=customer-service (OpenAPI: ${base}api/docs)`,
    `  Log-ins (password "${DEMO_PASSWORD}"): ana (first line), ben (second line), eva (experts), alex (analyst), dora (designer), admin`,
  ].join('\n');
};
