import type { KafkaNode } from './kafka-config';
import type { BrokerComponent } from './paths';

/** One node of a local multi-broker KRaft cluster (its server.properties: renderNodeProperties). */
export interface BrokerPlan extends KafkaNode {
  readonly component: BrokerComponent;
  readonly address: string;
}

/**
 * The nodes of `stack up --brokers N`: node i listens on the i-th address of KAFKA_BROKERS (or, for
 * the addresses not listed, the first port + i - 1) and its controller on KAFKA_CONTROLLER_PORT + i - 1.
 */
export function planBrokers(brokers: readonly string[], controllerPort: number, count: number): BrokerPlan[] {
  const first = brokers[0] ?? '127.0.0.1:9092';
  const firstPort = Number(first.slice(first.lastIndexOf(':') + 1));
  return Array.from({ length: count }, (_, i) => {
    const listed = brokers[i];
    const port = listed ? Number(listed.slice(listed.lastIndexOf(':') + 1)) : firstPort + i;
    return {
      id: i + 1,
      component: `kafka-${i + 1}`,
      address: `127.0.0.1:${port}`,
      port,
      controllerPort: controllerPort + i,
    };
  });
}
