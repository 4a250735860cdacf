package dev.muster.gateway.routing;

import dev.muster.events.EventCodec;
import dev.muster.events.operations.Operation;
import dev.muster.gateway.operations.OperationsView;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.internal.InternalCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Forwards every {@code /1.0} request the gateway does not answer itself to the service that owns the path,
 * and relays the answer unchanged. A service that cannot be reached, or does not answer in time, gives 503
 * with the service's name rather than a hang; a path nobody owns gives LXD's 404.
 */
@RestController
class ServiceProxy {

    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of(
            "content-type", "if-match", "accept", "user-agent", "x-lxd-filename", "x-lxd-public", "x-lxd-properties");
    private static final List<String> RELAYED_RESPONSE_HEADERS =
            List.of("Content-Type", "ETag", "Location", "Content-Disposition");

    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);
    private static final long STREAM_ABOVE = 1 << 20;

    private final GatewayProperties properties;
    private final OperationsView operations;
    private final JsonMapper json = EventCodec.mapper();
    private final HttpClient http;

    ServiceProxy(GatewayProperties properties, OperationsView operations, InternalCalls internalCalls) {
        this.properties = properties;
        this.operations = operations;
        this.http = internalCalls
                .httpClient() // the services' ports let in only callers with an internal certificate
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @RequestMapping("/1.0/**") // also matches "/1.0" itself, less specifically than ServerController's GET
    ResponseEntity<?> forward(HttpServletRequest request) throws IOException, InterruptedException {
        String path = request.getRequestURI();
        OwningService owner = OwningService.of(request.getMethod(), path)
                .orElseThrow(() -> LxdException.notFound(LxdException.NOT_FOUND));
        URI base = properties.services().get(owner.key());
        if (base == null) {
            throw LxdException.unavailable("Service %s is not configured", owner.serviceName());
        }
        String query = request.getQueryString();
        URI target = base.resolve(path + (query == null ? "" : "?" + query));
        // the service answers an upload once it has read it all: gigabytes take longer than any JSON request
        Duration timeout = streamed(request) ? properties.uploadTimeout() : properties.requestTimeout();
        HttpRequest.Builder forwarded =
                HttpRequest.newBuilder(target).timeout(timeout).method(request.getMethod(), bodyOf(request));
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                forwarded.header(name, value);
            }
        }
        forwarded.header("X-Forwarded-For", request.getRemoteAddr());
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(forwarded.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw LxdException.unavailable("Service %s is unavailable: it cannot be reached", owner.serviceName());
        } catch (HttpTimeoutException e) {
            throw LxdException.unavailable(
                    "Service %s is unavailable: no answer within %s s", owner.serviceName(), timeout.toSeconds());
        } catch (IOException e) {
            throw LxdException.unavailable("Service %s is unavailable: %s", owner.serviceName(), e.getMessage());
        }
        HttpHeaders headers = new HttpHeaders();
        for (String name : RELAYED_RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> headers.set(name, value));
        }
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            // a file (an image export): streamed through, never held in memory
            answer.headers().firstValue("Content-Length").ifPresent(value -> headers.set("Content-Length", value));
            return new ResponseEntity<>(
                    new InputStreamResource(answer.body()), headers, HttpStatus.valueOf(answer.statusCode()));
        }
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readAllBytes();
        }
        if (answer.statusCode() == HttpStatus.ACCEPTED.value()) {
            announceOperation(body);
        }
        return new ResponseEntity<>(body, headers, HttpStatus.valueOf(answer.statusCode()));
    }

    /** An async answer carries its operation: the view learns it now, so that {@code …/wait} finds it at once. */
    private void announceOperation(byte[] body) {
        try {
            JsonNode envelope = json.readTree(body);
            if ("async".equals(envelope.path("type").asString(""))) {
                operations.announced(json.treeToValue(envelope.get("metadata"), Operation.class));
            }
        } catch (RuntimeException e) {
            log.warn("Could not read the operation of an async answer: {}", e.getMessage());
        }
    }

    /** Whether the body is streamed through: large, or chunked without a length. */
    private static boolean streamed(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        return length > STREAM_ABOVE || (length < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    /**
     * Small bodies are read whole; uploads (an image tarball) are streamed through with their length, and chunked
     * ones (lxc sends split images so, with no length) streamed through chunked.
     */
    private static HttpRequest.BodyPublisher bodyOf(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length > STREAM_ABOVE) {
            InputStream in = request.getInputStream();
            return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), length);
        }
        if (streamed(request)) {
            InputStream in = request.getInputStream();
            return HttpRequest.BodyPublishers.ofInputStream(() -> in);
        }
        byte[] body = request.getInputStream().readAllBytes();
        return body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    }
}
