-- Runs once, when docker-compose.yml's Postgres starts on an empty volume (in database sec_tracker).
-- The schema registry keeps its schemas in Postgres so ids survive restarts (Kafka keeps Avro
-- messages encoded with those ids).
CREATE DATABASE sec_tracker_registry;

-- Grafana's "Insider activity" dashboard reads through a role that can only SELECT, also from the
-- tables `sec-tracker migrate` creates later (default privileges of the role that runs migrations).
CREATE ROLE grafana_reader LOGIN PASSWORD 'grafana_reader';
GRANT CONNECT ON DATABASE sec_tracker TO grafana_reader;
GRANT USAGE ON SCHEMA public TO grafana_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;
