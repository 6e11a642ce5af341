import { planBrokers } from './cluster-config';
import { renderNodeProperties } from './kafka-config';

describe('planBrokers', () => {
  it('numbers nodes from 1 on consecutive ports after the first address', () => {
    expect(planBrokers(['127.0.0.1:19092'], 19192, 3)).toEqual([
      { id: 1, component: 'kafka-1', address: '127.0.0.1:19092', port: 19092, controllerPort: 19192 },
      { id: 2, component: 'kafka-2', address: '127.0.0.1:19093', port: 19093, controllerPort: 19193 },
      { id: 3, component: 'kafka-3', address: '127.0.0.1:19094', port: 19094, controllerPort: 19194 },
    ]);
  });

  it('takes the listed addresses where KAFKA_BROKERS names them', () => {
    expect(planBrokers(['localhost:1000', '127.0.0.1:2000'], 3000, 3).map((b) => b.port)).toEqual([
      1000, 2000, 1002,
    ]);
  });
});

describe('renderNodeProperties of a three-node cluster', () => {
  const nodes = planBrokers(['127.0.0.1:19092'], 19192, 3);
  const text = renderNodeProperties(nodes[1]!, nodes, '/s/data/kafka-2');
  const props = new Map(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

  it('makes every node a voter of one quorum and names its own listeners', () => {
    expect(props.get('node.id')).toBe('2');
    expect(props.get('controller.quorum.voters')).toBe(
      '1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194',
    );
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19093,CONTROLLER://127.0.0.1:19193');
    expect(props.get('log.dirs')).toBe('/s/data/kafka-2');
  });

  it('gives three replicas, two in sync and no unclean leader election', () => {
    expect(props.get('default.replication.factor')).toBe('3');
    expect(props.get('offsets.topic.replication.factor')).toBe('3');
    expect(props.get('min.insync.replicas')).toBe('2');
    expect(props.get('unclean.leader.election.enable')).toBe('false');
  });
});
