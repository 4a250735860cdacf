package dev.muster.agent;

import dev.muster.agent.host.Architectures;
import dev.muster.agent.simulation.JoinMode;
import dev.muster.kafka.access.AccessTable;
import dev.muster.kafka.access.KafkaConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The member agent's command line, read and checked. */
record AgentOptions(
        String name,
        URI gateway,
        KafkaConnection kafka,
        String address,
        boolean bootstrap,
        String token,
        Duration interval,
        String probeHost,
        int probePort,
        String advertiseHost,
        String architecture,
        Path storagePath,
        Path proc,
        int simulate,
        String prefix,
        long seed,
        JoinMode fleetJoin,
        int joinConcurrency,
        String issueTokenFor,
        String runtime,
        Path lxdDir,
        Duration inventoryInterval,
        Path stateDir,
        String bridgeAddress,
        boolean help) {

    static final String SIMULATED = "simulated";
    static final String LXD = "lxd";

    static final String USAGE = """
            Usage:
              member-agent --name NAME [--bootstrap | --token TOKEN] [--address HOST:PORT] [options]
              member-agent --simulate N [--prefix sim-] [--seed 42] [--bootstrap-first | --join-with-gateway] [options]
              member-agent --issue-token NAME [--gateway URL]

            One member (this host): joins the cluster if asked, then heartbeats this host's state read from /proc,
            answers its probe and carries out its commands.
              --name NAME            the member's name (server_name)
              --bootstrap            bootstrap the cluster with this member as its first
              --token TOKEN          join the cluster with this join token
              --address HOST:PORT    the member's cluster address (server_address); needed to bootstrap or join
              --architecture ARCH    the LXD architecture name to report (default: this host's)
              --storage-path PATH    the filesystem reported as storage pool "local" (default: /)
              --proc DIR             where /proc is (default: /proc)
              --runtime KIND         where its instances are: simulated (in this process, kept in its state
                                     directory) or lxd (a standalone LXD daemon) (default: simulated)
              --lxd-dir DIR          the LXD daemon's directory (LXD_DIR; its API is DIR/unix.socket); required with
                                     --runtime lxd, whose heartbeats then carry the daemon's CPU threads, memory and
                                     storage pool "default" instead of /proc's
            A simulated fleet: N made-up members in this process, deterministic for a seed, with simulated instances.
              --simulate N           run N members named PREFIX1…PREFIXN
              --prefix PREFIX        (default: sim-)
              --seed SEED            (default: 42)
              --bootstrap-first      the first member bootstraps the cluster, the others join with tokens
              --join-with-gateway    every member joins the existing cluster with a token
              --join-concurrency K   members joining at a time (default: 4)
            A join token: --issue-token NAME asks the cluster for a join token for member NAME (as `lxc cluster add
            NAME` does), prints it on standard output and exits; give it to that member's agent with --token.
            All:
              --gateway URL          (default: $MUSTER_GATEWAY or http://127.0.0.1:8080)
              --kafka HOST:PORT      (default: $MUSTER_KAFKA or 127.0.0.1:9092)
              --kafka-user NAME      its Kafka principal (default: $MUSTER_KAFKA_USER, else agent-NAME, or
                                     agent-PREFIXfleet for a fleet); the password is $MUSTER_KAFKA_PASSWORD (./muster up
                                     keeps them in .muster/kafka/credentials); Kafka refuses an agent without one
              --interval DURATION    between heartbeats, e.g. 1s, 500ms (default: 1s)
              --probe-host HOST      the interface the probe listens on (default: 127.0.0.1)
              --probe-port PORT      the probe's port, 0 for any free one (default: 0)
              --advertise-host HOST  the host in the heartbeats' probe URLs (default: the probe host)
              --state-dir DIR        where members keep image copies and simulated instances, one directory per
                                     member (default: $MUSTER_AGENT_STATE or TMPDIR/muster-agent-images)
              --inventory-interval DURATION
                                     between inventory reports of every member, and one at start (default: 60s)
              --bridge-address HOST:PORT
                                     with --runtime lxd: where the agent relays lxc exec to its daemon for the
                                     gateway; advertised in heartbeats (default: 127.0.0.1:0, any free port)
            """;

    private static final List<String> FLAGS =
            List.of("--bootstrap", "--bootstrap-first", "--join-with-gateway", "--help", "-h");

    /** Reads the arguments; throws {@link IllegalArgumentException} with a message for people on any mistake. */
    static AgentOptions parse(String[] args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && i + 1 < args.length) {
                values.put(arg, args[++i]);
            } else {
                throw new IllegalArgumentException(
                        arg.startsWith("--") ? arg + " needs a value" : "unexpected argument: " + arg);
            }
        }
        List<String> known = List.of(
                "--name",
                "--gateway",
                "--kafka",
                "--kafka-user",
                "--address",
                "--token",
                "--interval",
                "--probe-host",
                "--probe-port",
                "--advertise-host",
                "--architecture",
                "--storage-path",
                "--proc",
                "--simulate",
                "--prefix",
                "--seed",
                "--join-concurrency",
                "--issue-token",
                "--runtime",
                "--lxd-dir",
                "--inventory-interval",
                "--state-dir",
                "--bridge-address");
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("unknown option " + key);
            }
        }
        boolean help = flags.contains("--help") || flags.contains("-h");
        int simulate = integer(values, "--simulate", 0);
        boolean bootstrapFirst = flags.contains("--bootstrap-first");
        boolean joinWithGateway = flags.contains("--join-with-gateway");
        String probeHost = values.getOrDefault("--probe-host", "127.0.0.1");
        AgentOptions options = new AgentOptions(
                values.get("--name"),
                URI.create(values.getOrDefault(
                        "--gateway", environment.getOrDefault("MUSTER_GATEWAY", "http://127.0.0.1:8080"))),
                new KafkaConnection(
                        values.getOrDefault("--kafka", environment.getOrDefault("MUSTER_KAFKA", "127.0.0.1:9092")),
                        values.getOrDefault(
                                "--kafka-user",
                                environment.getOrDefault(
                                        "MUSTER_KAFKA_USER",
                                        AccessTable.AGENT_PREFIX
                                                + (simulate > 0
                                                        ? values.getOrDefault("--prefix", "sim-") + "fleet"
                                                        : values.getOrDefault("--name", "")))),
                        environment.getOrDefault("MUSTER_KAFKA_PASSWORD", "")),
                values.get("--address"),
                flags.contains("--bootstrap"),
                values.get("--token"),
                Durations.parse(values.getOrDefault("--interval", "1s")),
                probeHost,
                integer(values, "--probe-port", 0),
                values.getOrDefault("--advertise-host", probeHost),
                values.getOrDefault("--architecture", Architectures.host()),
                Path.of(values.getOrDefault("--storage-path", "/")),
                Path.of(values.getOrDefault("--proc", "/proc")),
                simulate,
                values.getOrDefault("--prefix", "sim-"),
                Long.parseLong(values.getOrDefault("--seed", "42")),
                bootstrapFirst ? JoinMode.BOOTSTRAP_FIRST : joinWithGateway ? JoinMode.JOIN_ALL : JoinMode.NONE,
                integer(values, "--join-concurrency", 4),
                values.get("--issue-token"),
                values.getOrDefault("--runtime", SIMULATED),
                values.containsKey("--lxd-dir") ? Path.of(values.get("--lxd-dir")) : null,
                Durations.parse(values.getOrDefault("--inventory-interval", "60s")),
                Path.of(values.getOrDefault(
                        "--state-dir",
                        environment.getOrDefault(
                                "MUSTER_AGENT_STATE",
                                System.getProperty(
                                        "muster.agent.images",
                                        System.getProperty("java.io.tmpdir") + "/muster-agent-images")))),
                values.getOrDefault("--bridge-address", "127.0.0.1:0"),
                help);
        if (!help) {
            options.check(bootstrapFirst && joinWithGateway, values.containsKey("--bridge-address"));
        }
        return options;
    }

    private void check(boolean bothFleetJoins, boolean bridgeGiven) {
        if (issueTokenFor != null) {
            if (issueTokenFor.isBlank() || simulate != 0 || name != null || bootstrap || token != null) {
                throw new IllegalArgumentException("--issue-token NAME goes alone (with --gateway at most)");
            }
            return;
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("--interval must be positive");
        }
        if (inventoryInterval.isNegative() || inventoryInterval.isZero()) {
            throw new IllegalArgumentException("--inventory-interval must be positive");
        }
        if (!runtime.equals(SIMULATED) && !runtime.equals(LXD)) {
            throw new IllegalArgumentException("--runtime is simulated or lxd, not \"" + runtime + "\"");
        }
        if (runtime.equals(LXD) && lxdDir == null) {
            throw new IllegalArgumentException("--runtime lxd needs --lxd-dir DIR (the daemon's LXD_DIR)");
        }
        if (lxdDir != null && !runtime.equals(LXD)) {
            throw new IllegalArgumentException("--lxd-dir goes with --runtime lxd");
        }
        if (bridgeGiven && !runtime.equals(LXD)) {
            throw new IllegalArgumentException("--bridge-address goes with --runtime lxd");
        }
        bridgePort();
        if (probePort < 0 || probePort > 65535) {
            throw new IllegalArgumentException("--probe-port must be between 0 and 65535");
        }
        if (simulated()) {
            if (name != null || bootstrap || token != null) {
                throw new IllegalArgumentException(
                        "--simulate names its members itself: leave out --name, --bootstrap and --token");
            }
            if (!runtime.equals(SIMULATED)) {
                throw new IllegalArgumentException(
                        "--simulate members always have simulated instances: leave out " + "--runtime and --lxd-dir");
            }
            if (bothFleetJoins) {
                throw new IllegalArgumentException("choose one of --bootstrap-first and --join-with-gateway");
            }
            if (joinConcurrency < 1) {
                throw new IllegalArgumentException("--join-concurrency must be at least 1");
            }
            return;
        }
        if (simulate < 0) {
            throw new IllegalArgumentException("--simulate needs a positive number of members");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("--name is required (or --simulate N)");
        }
        if (bootstrap && token != null) {
            throw new IllegalArgumentException("choose one of --bootstrap and --token");
        }
        if ((bootstrap || token != null) && (address == null || address.isBlank())) {
            throw new IllegalArgumentException(
                    "--address HOST:PORT is required to " + (bootstrap ? "bootstrap" : "join"));
        }
        if (fleetJoin != JoinMode.NONE) {
            throw new IllegalArgumentException("--bootstrap-first and --join-with-gateway go with --simulate");
        }
    }

    /** The host part of {@code --bridge-address HOST:PORT}. */
    String bridgeHost() {
        return bridgeAddress.substring(0, bridgeAddress.lastIndexOf(':'));
    }

    /** The port part of {@code --bridge-address HOST:PORT}, 0 for any free one. */
    int bridgePort() {
        int colon = bridgeAddress.lastIndexOf(':');
        try {
            int port = Integer.parseInt(bridgeAddress.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65535) {
                throw new NumberFormatException(bridgeAddress);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--bridge-address needs HOST:PORT (port 0 for any free one), not \"" + bridgeAddress + "\"");
        }
    }

    boolean issuesToken() {
        return issueTokenFor != null;
    }

    boolean lxd() {
        return runtime.equals(LXD);
    }

    boolean simulated() {
        return simulate > 0;
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a whole number, not \"" + value + "\"");
        }
    }
}
