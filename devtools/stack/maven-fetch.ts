import { spawn } from 'node:child_process';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../pipeline/src/shared/logger';

/**
 * Downloads go into `<dir>.partial` and are renamed into place only when complete, so an
 * interrupted download is never mistaken for a cached one.
 */
async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Runs a command to completion, logging a progress line every 15 s; rejects with its output tail. */
async function runWithProgress(
  command: string,
  args: string[],
  what: string,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const timer = setInterval(() => {
    logger.info(`still fetching ${what}`, { seconds: Math.round((Date.now() - started) / 1000) });
  }, 15_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) {
      throw new Error(`${command} ${args.slice(0, 4).join(' ')}… exited ${code}:\n${output.trim()}`);
    }
  } finally {
    clearInterval(timer);
  }
}

const MVN = ['-q', '-B', '-Dstyle.color=never'];

/** Copies the broker's runtime jars (ops/stack/kafka-pom.xml) into `dir` unless already there. */
export async function fetchKafka(p: {
  pom: string;
  version: string;
  dir: string;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<'cached' | 'downloaded'> {
  if (await exists(path.join(p.dir, `kafka_2.13-${p.version}.jar`))) {
    return 'cached';
  }
  const partial = `${p.dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  p.logger.info('fetching Kafka from Maven Central (about 40 MB, once per version)', {
    version: p.version,
    into: p.dir,
  });
  const args = [...MVN, '-f', p.pom, `-Dkafka.version=${p.version}`, 'dependency:copy-dependencies'];
  args.push('-DincludeScope=runtime', `-DoutputDirectory=${partial}`);
  await runWithProgress('mvn', args, `Kafka ${p.version}`, p.logger, p.signal);
  if (!(await exists(path.join(partial, `kafka_2.13-${p.version}.jar`)))) {
    throw new Error(
      `Maven finished but ${partial} has no kafka_2.13-${p.version}.jar; is ${p.version} a Kafka release?`,
    );
  }
  await rm(p.dir, { recursive: true, force: true });
  await rename(partial, p.dir);
  return 'downloaded';
}

/** Copies the Apicurio tar.gz (ops/stack/registry-pom.xml) and unpacks it into `dir` unless already there. */
export async function fetchRegistry(p: {
  pom: string;
  version: string;
  dir: string;
  logger: Logger;
  signal?: AbortSignal;
}): Promise<'cached' | 'downloaded'> {
  if (await exists(path.join(p.dir, 'quarkus-run.jar'))) {
    return 'cached';
  }
  const partial = `${p.dir}.partial`;
  const archiveDir = `${p.dir}.download`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  p.logger.info('fetching Apicurio Registry from Maven Central (about 160 MB, once per version)', {
    version: p.version,
    into: p.dir,
  });
  const args = [...MVN, '-f', p.pom, `-Dregistry.version=${p.version}`, 'dependency:copy-dependencies'];
  args.push(`-DoutputDirectory=${archiveDir}`);
  await runWithProgress('mvn', args, `Apicurio Registry ${p.version}`, p.logger, p.signal);
  const archive = (await readdir(archiveDir)).find((f) => f.endsWith('.tar.gz'));
  if (!archive) {
    throw new Error(`Maven finished but ${archiveDir} holds no .tar.gz`);
  }
  p.logger.info('unpacking Apicurio Registry', { archive });
  await runWithProgress(
    'tar',
    ['-xzf', path.join(archiveDir, archive), '-C', partial],
    'the registry archive',
    p.logger,
    p.signal,
  );
  if (!(await exists(path.join(partial, 'quarkus-run.jar')))) {
    throw new Error(`${archive} has no quarkus-run.jar; is ${p.version} an Apicurio Registry 3.x release?`);
  }
  await rm(p.dir, { recursive: true, force: true });
  await rename(partial, p.dir);
  // The archive also stays in ~/.m2; a second copy here would only take space.
  await rm(archiveDir, { recursive: true, force: true });
  return 'downloaded';
}
