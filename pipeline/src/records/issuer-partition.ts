/**
 * Every parsed filing and row of one issuer goes to the same partition, so one instance of a
 * downstream stage sees an issuer's whole history (aggregates, amendment corrections) and several
 * instances split issuers between them. FNV-1a: stable across processes, releases and clients.
 */
export function issuerPartition(issuerCik: string, partitions: number): number {
  let hash = 0x811c9dc5;
  const digits = issuerCik.replace(/^0+/, '');
  for (let i = 0; i < digits.length; i++) {
    hash ^= digits.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
