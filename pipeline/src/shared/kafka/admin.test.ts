import { replicationFor } from './admin';

describe('replicationFor', () => {
  it('gives three replicas, two in sync and no unclean election from three brokers on', () => {
    for (const brokers of [3, 5]) {
      expect(replicationFor(brokers)).toEqual({
        replicationFactor: 3,
        configEntries: [
          { name: 'min.insync.replicas', value: '2' },
          { name: 'unclean.leader.election.enable', value: 'false' },
        ],
      });
    }
  });

  it('takes the broker defaults on one or two brokers', () => {
    expect(replicationFor(1)).toEqual({ replicationFactor: -1, configEntries: [] });
    expect(replicationFor(2)).toEqual({ replicationFactor: -1, configEntries: [] });
  });
});
