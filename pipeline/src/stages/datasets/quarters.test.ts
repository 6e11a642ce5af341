import { DatasetError } from './dataset-error';
import { datasetUrl, parseQuarterList } from './quarters';

describe('data-set quarters', () => {
  it('expands ranges and lists, in order and without duplicates', () => {
    expect(parseQuarterList('2024q3..2025q2')).toEqual(['2024q3', '2024q4', '2025q1', '2025q2']);
    expect(parseQuarterList('2025q1, 2024Q4,2025q1')).toEqual(['2024q4', '2025q1']);
    expect(parseQuarterList('2006q1..2025q3')).toHaveLength(79);
  });

  it('refuses what is not a published quarter', () => {
    for (const bad of ['2025q5', '2005q4', '2025q2..2025q1', '2025', '', '2024q1..2024q2..2024q3']) {
      expect(() => parseQuarterList(bad)).toThrow(DatasetError);
    }
  });

  it("builds the SEC's URL of a quarter's zip", () => {
    expect(datasetUrl('https://www.sec.gov/', '2025q2')).toBe(
      'https://www.sec.gov/files/structureddata/data/form-345-data-sets/2025q2_form345.zip',
    );
  });
});
