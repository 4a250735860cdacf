package dev.muster.kafka.access;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The command line {@code ./muster up} uses (with the broker's jars on the class path):
 *
 * <pre>
 *   credentials FILE [PRINCIPAL…]   make FILE, or add passwords for the principals it lacks (services are always in)
 *   broker-properties FILE HOST PORT CONTROLLER_PORT
 *                                   print the broker's security settings (server.properties lines)
 *   format-scram FILE               print the value of kafka-storage format --add-scram for the super user
 *   apply FILE BOOTSTRAP            create the SCRAM users and ACLs of FILE on the broker, as the super user
 * </pre>
 */
public final class AccessTool {

    private AccessTool() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() < 2) {
            err.println("usage: AccessTool credentials|broker-properties|format-scram|apply FILE …");
            return 2;
        }
        Path file = Path.of(args.get(1));
        List<String> rest = args.subList(2, args.size());
        switch (args.get(0)) {
            case "credentials" -> {
                Credentials existing = Files.exists(file) ? Credentials.read(file) : Credentials.generate(List.of());
                Credentials wanted =
                        existing.including(AccessTable.servicePrincipals()).including(rest);
                if (!Files.exists(file) || !wanted.principals().equals(existing.principals())) {
                    wanted.write(file);
                }
                return 0;
            }
            case "broker-properties" -> {
                if (rest.size() != 3) {
                    err.println("usage: AccessTool broker-properties FILE HOST PORT CONTROLLER_PORT");
                    return 2;
                }
                String admin = adminPassword(file);
                BrokerSecurity.serverProperties(
                                rest.get(0), Integer.parseInt(rest.get(1)), Integer.parseInt(rest.get(2)), admin)
                        .forEach((key, value) -> out.println(key + "=" + value));
                return 0;
            }
            case "format-scram" -> {
                out.println(BrokerSecurity.formatScramArgument(adminPassword(file)));
                return 0;
            }
            case "apply" -> {
                if (rest.size() != 1) {
                    err.println("usage: AccessTool apply FILE BOOTSTRAP");
                    return 2;
                }
                Credentials credentials = Credentials.read(file);
                Map<String, Object> config =
                        credentials.connection(rest.get(0), AccessTable.ADMIN).clientConfig();
                config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
                try (Admin admin = Admin.create(config)) {
                    AccessSetup.apply(admin, credentials);
                }
                out.println("Kafka users and ACLs set for "
                        + credentials.principals().size() + " principals");
                return 0;
            }
            default -> {
                err.println("unknown command " + args.get(0) + " (" + Arrays.toString(args.toArray()) + ")");
                return 2;
            }
        }
    }

    private static String adminPassword(Path file) throws IOException {
        return Credentials.read(file)
                .passwordOf(AccessTable.ADMIN)
                .orElseThrow(() -> new IOException(file + " has no password for " + AccessTable.ADMIN));
    }
}
