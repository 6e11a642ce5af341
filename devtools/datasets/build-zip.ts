/**
 * A `<year>q<n>_form345.zip` as the SEC ships it: the eight `<TABLE>.tsv` entries, deflated,
 * plus the metadata file (which the reader skips). Built in memory with yazl.
 */
import yazl from 'yazl';

export function buildDatasetZip(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    const fileName = name.includes('.') ? name : `${name}.tsv`;
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), fileName);
  }
  zip.addBuffer(
    Buffer.from('{"@context": "http://www.w3.org/ns/csvw", "tables": []}\n'),
    'FORM_345_metadata.json',
  );
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}
