/** Pure reading of `java -XshowSettings:properties -version` output and the choice between JDKs. */

export interface JavaInstall {
  /** The java executable, as given (may be the bare `java` resolved through PATH). */
  readonly bin: string;
  readonly major: number;
  readonly version: string;
  readonly home?: string;
}

/** A place a JDK may come from, in the order of preference, and what was found there. */
export interface JavaCandidate {
  /** Shown to the user: `REGISTRY_JAVA_HOME=/x`, `JAVA_HOME=/y`, `java on PATH`, `/usr/lib/jvm/z`. */
  readonly source: string;
  /** A candidate the user named for this purpose: when it is unusable, nothing else is tried. */
  readonly exclusive?: boolean;
  readonly install?: JavaInstall;
}

/**
 * The feature release of a `version "…"` string: "1.8.0_292" → 8 (the pre-9 scheme),
 * "17.0.15" → 17, "25" → 25, "21-ea" → 21.
 */
export function parseJavaVersion(output: string): { version: string; major: number } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match?.[1]) {
    return undefined;
  }
  const version = match[1];
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts?.[1]) {
    return undefined;
  }
  const first = Number(parts[1]);
  const major = first === 1 && parts[2] !== undefined ? Number(parts[2]) : first;
  return { version, major };
}

export function parseJavaHome(output: string): string | undefined {
  return /^\s*java\.home = (.+)$/m.exec(output)?.[1]?.trim();
}

export type JavaChoice =
  | { readonly ok: true; readonly java: JavaInstall; readonly source: string }
  | { readonly ok: false; readonly reason: string };

/**
 * The first candidate whose major version is at least `minMajor`, where candidates that come from
 * a directory scan (`scanned`) are tried newest first after the named ones. An exclusive candidate
 * that is too old or broken is an error, so a JDK the user pointed at is never silently replaced.
 */
export function chooseJava(named: JavaCandidate[], scanned: JavaCandidate[], minMajor: number): JavaChoice {
  const exclusive = named.find((c) => c.exclusive);
  if (exclusive) {
    if (!exclusive.install) {
      return { ok: false, reason: `${exclusive.source} has no working bin/java` };
    }
    if (exclusive.install.major < minMajor) {
      return {
        ok: false,
        reason: `${exclusive.source} is Java ${exclusive.install.major}, need ${minMajor}+`,
      };
    }
    return { ok: true, java: exclusive.install, source: exclusive.source };
  }
  const newestFirst = [...scanned].sort((a, b) => (b.install?.major ?? 0) - (a.install?.major ?? 0));
  for (const candidate of [...named, ...newestFirst]) {
    if (candidate.install && candidate.install.major >= minMajor) {
      return { ok: true, java: candidate.install, source: candidate.source };
    }
  }
  const seen = [...named, ...newestFirst].map((c) =>
    c.install ? `${c.source}: Java ${c.install.major}` : `${c.source}: none`,
  );
  return { ok: false, reason: `no Java ${minMajor}+ found (${seen.join('; ') || 'nothing to check'})` };
}
