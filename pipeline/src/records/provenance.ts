/**
 * Provenance of a filing or row record: `xml` (its own ownership XML) or `dataset:<quarter>` (an
 * SEC Insider Transactions Data Set). Records written before the field existed carry null, and
 * all of those came from XML. The one rule every sink applies: an xml version replaces a dataset
 * version of the same accession, and a dataset version never overwrites an xml one.
 */
export const XML_PROVENANCE = 'xml';

export function provenanceOf(field: string | null | undefined): string {
  return field ?? XML_PROVENANCE;
}

export function isDatasetProvenance(field: string | null | undefined): boolean {
  return provenanceOf(field) !== XML_PROVENANCE;
}
