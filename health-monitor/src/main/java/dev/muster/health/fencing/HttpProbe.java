package dev.muster.health.fencing;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fencing by a direct HTTP GET of a member agent's probe URL: refused, timed out or answered with anything but
 * 2xx means dead. A member without a usable probe URL is never confirmed dead.
 */
public final class HttpProbe implements AutoCloseable {

    private final HttpClient http;
    private final Duration timeout;

    public HttpProbe(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public CompletableFuture<ProbeResult> probe(String probeUrl) {
        URI uri;
        try {
            uri = usable(probeUrl);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new ProbeResult.NotConfirmedDead(e.getMessage()));
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) ->
                        failure == null ? judge(uri, response.statusCode()) : judge(uri, failure));
    }

    private static ProbeResult judge(URI uri, int status) {
        return status >= 200 && status < 300
                ? new ProbeResult.NotConfirmedDead("probe answered " + status + ": " + uri)
                : new ProbeResult.ConfirmedDead("probe answered " + status + ": " + uri);
    }

    private static ProbeResult judge(URI uri, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String how = switch (cause) {
            case HttpConnectTimeoutException e -> "probe connection timed out";
            case HttpTimeoutException e -> "probe timed out";
            case ConnectException e -> "probe refused";
            default -> "probe failed (" + cause.getClass().getSimpleName() + ")";
        };
        return new ProbeResult.ConfirmedDead(how + ": " + uri.getAuthority());
    }

    private static URI usable(String probeUrl) {
        if (probeUrl == null || probeUrl.isBlank()) {
            throw new IllegalArgumentException("no probe URL known: death cannot be confirmed");
        }
        URI uri = URI.create(probeUrl.trim());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("unusable probe URL " + probeUrl + ": death cannot be confirmed");
        }
        return uri;
    }

    @Override
    public void close() {
        http.close();
    }
}
