import { describe, expect, it } from '@jest/globals';
import { startupSummary } from './startup-summary.js';

describe('startupSummary', () => {
  it('given the embedded database with demo users, then it names the URLs, the log-ins, the data folder and how to stop', () => {
    const sut = startupSummary({ port: 3000, database: { embedded: { dataDir: '/srv/tandem/.data/pg', port: 54329 } }, demoUsers: true, startedInMs: 2345 });

    expect(sut.split('\n')).toEqual([
      'Tandem is ready (started in 2.3 s)',
      '  Web app   http://localhost:3000/   (modeler; tasklist http://localhost:3000/#/tasklist; insights http://localhost:3000/#/insights)',
      '  API       http://localhost:3000/api   (OpenAPI http://localhost:3000/api/docs)',
      '  Sign in   dora (designer), ana, ben, eva (agents), alex (analyst), admin; password "tandem-demo"',
      '  Data      /srv/tandem/.data/pg (embedded PostgreSQL on port 54329; kept between starts)',
      '  Stop      Ctrl-C (or SIGTERM): the engine and its database stop cleanly',
    ]);
  });

  it('given an external database, then it names the server and database but never the password', () => {
    const sut = startupSummary({ port: 8080, database: { externalUrl: 'postgres://tandem:s3cret@db.internal/tandem' }, demoUsers: false, adminUsername: 'root', startedInMs: 900 });

    expect(sut).toContain('  Data      PostgreSQL at db.internal:5432/tandem (DATABASE_URL)');
    expect(sut).toContain('  Sign in   root (admin, TANDEM_ADMIN_USERNAME)');
    expect(sut).not.toContain('s3cret');
  });
});
