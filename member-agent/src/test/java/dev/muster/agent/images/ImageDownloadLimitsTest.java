package dev.muster.agent.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An image download is cut off when its source stalls or sends more than it should, and leaves no file behind. */
@Timeout(30)
class ImageDownloadLimitsTest {

    private static final String FINGERPRINT = "ab".repeat(32);
    private static final DownloadLimits LIMITS = new DownloadLimits(Duration.ofMillis(500), 1_000_000);

    @TempDir
    Path dir;

    HttpServer server;
    final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/stalls", exchange -> {
            exchange.sendResponseHeaders(200, 10_000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[4_000]);
            out.flush();
            await(); // and never the other 6,000 bytes
            exchange.close();
        });
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[16 * 1024];
                while (released.getCount() > 0) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client hung up, as it should
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void aDownloadThatStallsMidBodyFailsAfterTheIdleTimeAndLeavesNoFile() throws IOException {
        long start = System.nanoTime();

        String problem = ImageDownloader.copy(FINGERPRINT, url("/stalls"), false, dir, 10_000, LIMITS);

        assertThat(problem).contains("cut off").contains("no data for");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertNoFiles();
    }

    @Test
    void aDownloadBringingMoreBytesThanTheCommandAnnouncedIsCutOffAtOnceAndLeavesNoFile() throws IOException {
        String problem = ImageDownloader.copy(FINGERPRINT, url("/endless"), false, dir, 50_000, LIMITS);

        assertThat(problem).contains("cut off").contains("more than the 50000 bytes expected");
        assertNoFiles();
    }

    @Test
    void aDownloadOfUnknownSizeIsCutOffAtTheConfiguredMaximum() throws IOException {
        String problem =
                ImageDownloader.copy(FINGERPRINT, url("/endless"), false, dir, ImageDownloader.UNKNOWN_SIZE, LIMITS);

        assertThat(problem).contains("more than the 1000000 bytes expected");
        assertNoFiles();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void assertNoFiles() throws IOException {
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private void await() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
