import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { chooseJava, parseJavaHome, parseJavaVersion } from './java-version';
import type { JavaCandidate, JavaChoice, JavaInstall } from './java-version';

const run = promisify(execFile);

/** Runs `bin -XshowSettings:properties -version` (it prints to stderr); undefined when it does not run. */
export async function inspectJava(bin: string): Promise<JavaInstall | undefined> {
  try {
    const { stderr } = await run(bin, ['-XshowSettings:properties', '-version'], { timeout: 20_000 });
    const parsed = parseJavaVersion(stderr);
    if (!parsed) {
      return undefined;
    }
    const home = parseJavaHome(stderr);
    // Launch through the absolute path, so what runs does not depend on a later PATH.
    const absolute = home ? path.join(home, 'bin', 'java') : undefined;
    const usable =
      absolute &&
      (await access(absolute, constants.X_OK).then(
        () => true,
        () => false,
      ));
    return { bin: usable ? absolute : bin, ...parsed, ...(home ? { home } : {}) };
  } catch {
    return undefined;
  }
}

async function fromHome(source: string, home: string, exclusive = false): Promise<JavaCandidate> {
  const install = await inspectJava(path.join(home, 'bin', 'java'));
  return { source, exclusive, ...(install ? { install } : {}) };
}

/** Every JDK under a directory like /usr/lib/jvm, once each (Debian adds alias symlinks). */
async function scanJvmRoot(jvmRoot: string): Promise<JavaCandidate[]> {
  let names: string[];
  try {
    names = await readdir(jvmRoot);
  } catch {
    return [];
  }
  const homes = new Map<string, string>();
  for (const name of names.sort()) {
    try {
      const real = await realpath(path.join(jvmRoot, name));
      if (!homes.has(real)) {
        homes.set(real, path.join(jvmRoot, name));
      }
    } catch {
      // A dangling alias: nothing to run there.
    }
  }
  const found = await Promise.all([...homes.values()].map((home) => fromHome(home, home)));
  return found.filter((c) => c.install !== undefined);
}

export interface JavaSearch {
  readonly minMajor: number;
  /** A variable naming a JDK for exactly this purpose (REGISTRY_JAVA_HOME): used alone when set. */
  readonly exclusive?: { readonly name: string; readonly home: string };
  readonly javaHome?: string;
  readonly jvmRoot?: string;
}

/** JAVA_HOME if new enough, else `java` on PATH, else the newest JDK under /usr/lib/jvm. */
export async function findJava(search: JavaSearch): Promise<JavaChoice> {
  if (search.exclusive) {
    const { name, home } = search.exclusive;
    return chooseJava([await fromHome(`${name}=${home}`, home, true)], [], search.minMajor);
  }
  const named: JavaCandidate[] = [];
  if (search.javaHome) {
    named.push(await fromHome(`JAVA_HOME=${search.javaHome}`, search.javaHome));
  }
  const onPath = await inspectJava('java');
  named.push({ source: 'java on PATH', ...(onPath ? { install: onPath } : {}) });
  const choice = chooseJava(named, [], search.minMajor);
  if (choice.ok) {
    return choice;
  }
  return chooseJava(named, await scanJvmRoot(search.jvmRoot ?? '/usr/lib/jvm'), search.minMajor);
}
