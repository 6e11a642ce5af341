import { chooseJava, parseJavaHome, parseJavaVersion } from './java-version';
import type { JavaCandidate } from './java-version';

describe('parseJavaVersion', () => {
  it.each([
    [
      'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)',
      17,
      '17.0.15',
    ],
    ['openjdk version "25" 2025-09-16\nOpenJDK Runtime Environment Temurin-25+36', 25, '25'],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8, '1.8.0_292'],
    ['openjdk version "21-ea" 2023-09-19', 21, '21-ea'],
    ['Picked up JAVA_TOOL_OPTIONS: -Xss1m\nopenjdk version "21.0.2" 2024-01-16 LTS', 21, '21.0.2'],
  ])('reads the feature release from %j', (output, major, version) => {
    expect(parseJavaVersion(output)).toEqual({ major, version });
  });

  it('gives up on output that is not java -version', () => {
    expect(parseJavaVersion('bash: java: command not found')).toBeUndefined();
    expect(parseJavaVersion('version "abc"')).toBeUndefined();
  });
});

describe('parseJavaHome', () => {
  it('reads java.home from -XshowSettings:properties', () => {
    const out =
      'Property settings:\n    java.class.version = 61.0\n    java.home = /usr/lib/jvm/java-17-openjdk-amd64\n';
    expect(parseJavaHome(out)).toBe('/usr/lib/jvm/java-17-openjdk-amd64');
  });
});

const jdk = (source: string, major: number | undefined, exclusive = false): JavaCandidate => ({
  source,
  exclusive,
  ...(major === undefined ? {} : { install: { bin: `${source}/bin/java`, major, version: String(major) } }),
});

describe('chooseJava', () => {
  it('prefers the named candidates in order when new enough', () => {
    const choice = chooseJava([jdk('JAVA_HOME', 21), jdk('PATH', 25)], [jdk('/usr/lib/jvm/x', 25)], 21);
    expect(choice).toMatchObject({ ok: true, source: 'JAVA_HOME' });
  });

  it('falls back to the newest scanned JDK when the named ones are too old', () => {
    const scanned = [jdk('/usr/lib/jvm/a', 21), jdk('/usr/lib/jvm/b', 25), jdk('/usr/lib/jvm/c', 17)];
    expect(chooseJava([jdk('PATH', 17)], scanned, 21)).toMatchObject({ ok: true, source: '/usr/lib/jvm/b' });
  });

  it('never replaces an exclusive candidate that is too old, and says why', () => {
    const choice = chooseJava([jdk('REGISTRY_JAVA_HOME=/j17', 17, true)], [jdk('/usr/lib/jvm/b', 25)], 21);
    expect(choice).toEqual({ ok: false, reason: 'REGISTRY_JAVA_HOME=/j17 is Java 17, need 21+' });
  });

  it('reports a broken exclusive candidate', () => {
    expect(chooseJava([jdk('REGISTRY_JAVA_HOME=/nope', undefined, true)], [], 21)).toEqual({
      ok: false,
      reason: 'REGISTRY_JAVA_HOME=/nope has no working bin/java',
    });
  });

  it('lists what it saw when nothing fits', () => {
    const choice = chooseJava([jdk('java on PATH', 17)], [jdk('/usr/lib/jvm/a', 11)], 21);
    expect(choice).toEqual({
      ok: false,
      reason: 'no Java 21+ found (java on PATH: Java 17; /usr/lib/jvm/a: Java 11)',
    });
  });
});
