-- Runs once, when the TimescaleDB container initialises its data directory. The services apply the
-- rest of the schema themselves (Flyway); the extension needs a superuser, so it is created here.
CREATE EXTENSION IF NOT EXISTS timescaledb;
