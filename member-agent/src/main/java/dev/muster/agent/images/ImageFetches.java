package dev.muster.agent.images;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The image downloads of an agent process, off its command thread: a few at a time, so that a large image neither
 * holds up the member's other commands nor makes the members of a simulated fleet copy one after the other; and at
 * most one download of an image into a directory at once (a copy asked for and an instance created from the same
 * image share it).
 */
public final class ImageFetches {

    /** Downloads at once per process: disk and network, not CPU, bound them. */
    private static final int PARALLEL = 4;

    /** The process's downloads. */
    public static final ImageFetches SHARED = new ImageFetches(PARALLEL);

    private record Key(Path directory, String fingerprint) {}

    private final ExecutorService downloads;
    private final Map<Key, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    ImageFetches(int parallel) {
        this.downloads = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "image-download");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Fetches a verified copy of the image into {@code directory} ({@link ImageDownloader#copy}), or joins the fetch of
     * it already under way.
     *
     * @param split whether the image is known to be split; false also finds a split one out from its export's answer
     * @return completes with null once the copy is in place and verified, else with why not
     */
    public CompletableFuture<String> fetch(String fingerprint, URI source, boolean split, Path directory) {
        Key key = new Key(directory.toAbsolutePath().normalize(), fingerprint);
        CompletableFuture<String> fresh = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(key, fresh);
        if (running != null) {
            return running;
        }
        downloads.execute(() -> {
            String problem;
            try {
                problem = ImageDownloader.copy(fingerprint, source, split, directory);
            } catch (RuntimeException e) {
                problem = "Image copy failed: " + e;
            }
            inFlight.remove(key, fresh);
            fresh.complete(problem);
        });
        return fresh;
    }
}
