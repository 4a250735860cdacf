package dev.muster.agent.cluster;

import dev.muster.internaltls.InternalPki;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP client with which an agent calls a service's own port (an image export, a transfer of a moving
 * instance): it presents the agent's internal certificate ({@code member-agent}) from the PKI this process was given
 * ({@link InternalPki#configuredDirectory()}), as those ports require. Without one it calls in plain HTTP.
 */
public final class ServiceHttp {

    public static final String PRINCIPAL = "member-agent";

    private record Client(Optional<Path> directory, HttpClient http) {}

    private static volatile Client current;

    private ServiceHttp() {}

    /** The client for the PKI configured now (made once per directory). */
    public static HttpClient client() {
        Optional<Path> directory = InternalPki.configuredDirectory();
        Client client = current;
        if (client == null || !client.directory().equals(directory)) {
            synchronized (ServiceHttp.class) {
                client = current;
                if (client == null || !client.directory().equals(directory)) {
                    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
                    directory.ifPresent(dir ->
                            builder.sslContext(InternalPki.load(dir, PRINCIPAL).sslContext()));
                    client = new Client(directory, builder.build());
                    current = client;
                }
            }
        }
        return client.http();
    }
}
