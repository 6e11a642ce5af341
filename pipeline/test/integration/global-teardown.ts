/** Stops testcontainers if setup started them; the local stack is left running for the next run. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__SEC_TRACKER_CONTAINERS__?.stop();
}
