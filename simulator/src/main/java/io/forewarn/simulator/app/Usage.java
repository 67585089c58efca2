package io.forewarn.simulator.app;

/** The help text (docs/simulator.md has the long version). */
final class Usage {
  static final String TEXT = """
      Usage: forewarn-simulator <mode> [--option value ...]

      Modes:
        live         the fleet reports in real time          --duration 2h
        accelerated  [now - span, now] at --speed x          --speed 720 --span 30d
        history      COPY a long history into TimescaleDB    --days 90 [--writers 2 --chunk-rows 50000 --replace]
        load         open-loop MQTT load at target rates     --rate 5000 | --rates 5000,10000 --step 120s
                                                             [--connections 4 --max-inflight 1000 --devices 10000
                                                              --metrics 10 --device-prefix load --drain 15s]
        plot         PNG of devices around injected faults   [--out docs/simulator-fault.png --seed 42]
        register     register the fleet (customers, devices) and exit, e.g. to provision its credentials

      Fleet and faults (live, accelerated, history):
        --seed 42  --devices N (1..100000)  --interval 5m (default: per model; history: 15m)
        --fault-fraction 0.05  --noisy-fraction 0.03  --outages 1  --no-cohort
        --truth-file target/sim-truth/<run-id>.json  --progress 5s
      Connections:
        --db-url   (env FOREWARN_DB_URL, default postgresql://forewarn@127.0.0.1:5432/forewarn)  --no-db
        --mqtt-uri (env FOREWARN_MQTT_URI, default tcp://127.0.0.1:1883)  --connections 2  --max-inflight 100
        --mqtt-key-file (env FOREWARN_MQTT_KEY_FILE): the credential key provisioning used; live and accelerated
                   then log each device in over its own session, load logs in as the 'load' account
      """;

  private Usage() {}
}
