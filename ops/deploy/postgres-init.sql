-- The schema registry keeps its schemas in Postgres so ids survive restarts (Kafka keeps Avro
-- messages encoded with those ids).
CREATE DATABASE sec_tracker_registry;
