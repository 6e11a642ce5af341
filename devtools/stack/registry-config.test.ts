import { planRegistry, registryDatasource, registryEnv, registryJvmArgs } from './registry-config';

describe('planRegistry', () => {
  it('takes the port from SCHEMA_REGISTRY_URL and puts management 1000 above it', () => {
    expect(planRegistry('http://127.0.0.1:8081/apis/ccompat/v7', undefined)).toEqual({
      managed: true,
      url: 'http://127.0.0.1:8081/apis/ccompat/v7',
      port: 8081,
      managementPort: 9081,
    });
  });

  it('uses REGISTRY_MANAGEMENT_PORT when set, and stays within the port range', () => {
    expect(planRegistry('http://localhost:8081/x', 7000)).toMatchObject({ managementPort: 7000 });
    expect(planRegistry('http://localhost:65000/x', undefined)).toMatchObject({ managementPort: 64000 });
  });

  it('leaves a remote registry alone', () => {
    expect(planRegistry('https://registry.example.com/apis/ccompat/v7', undefined)).toMatchObject({
      managed: false,
      reason: 'SCHEMA_REGISTRY_URL names registry.example.com, not a loopback address',
    });
  });
});

describe('registryDatasource', () => {
  it('reuses the DATABASE_URL server and credentials with its own database', () => {
    expect(
      registryDatasource('postgresql://app:s%40cret@db.local:6543/sec_tracker', 'sec_tracker_registry'),
    ).toEqual({
      jdbcUrl: 'jdbc:postgresql://db.local:6543/sec_tracker_registry',
      username: 'app',
      password: 's@cret',
    });
  });

  it('defaults the port and user', () => {
    expect(registryDatasource('postgres://127.0.0.1/x', 'r')).toEqual({
      jdbcUrl: 'jdbc:postgresql://127.0.0.1:5432/r',
      username: 'postgres',
      password: '',
    });
  });
});

describe('registryJvmArgs and registryEnv', () => {
  const datasource = { jdbcUrl: 'jdbc:postgresql://h:5432/r', username: 'u', password: 'hunter2' };
  const args = registryJvmArgs({
    heap: '384m',
    port: 8081,
    managementPort: 9081,
    datasource,
    dataDir: '/s/data/registry',
    home: '/s/cache/apicurio-3.3.3',
    marker: '-Dm',
  });

  it('binds HTTP and management to loopback and stores schemas in Postgres', () => {
    expect(args).toEqual(
      expect.arrayContaining([
        '-Xmx384m',
        '-Dquarkus.http.host=127.0.0.1',
        '-Dquarkus.http.port=8081',
        '-Dquarkus.management.host=127.0.0.1',
        '-Dquarkus.management.port=9081',
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=postgresql',
        '-Dapicurio.datasource.url=jdbc:postgresql://h:5432/r',
        '-Dapicurio.datasource.username=u',
      ]),
    );
    expect(args.slice(-2)).toEqual(['-jar', '/s/cache/apicurio-3.3.3/quarkus-run.jar']);
  });

  it('keeps the password off the command line and passes it in the environment', () => {
    expect(args.join(' ')).not.toContain('hunter2');
    expect(registryEnv({ PATH: '/bin' }, datasource)).toEqual({
      PATH: '/bin',
      APICURIO_DATASOURCE_PASSWORD: 'hunter2',
    });
    expect(registryEnv({ PATH: '/bin' }, { ...datasource, password: '' })).toEqual({ PATH: '/bin' });
  });
});
