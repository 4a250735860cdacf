package dev.muster.scheduler.transfers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The transfers of moving instances, one file each: written whole by the source's export (to a temporary file, renamed
 * once complete, so that a reader never sees half a transfer), read by the target's import, deleted once the move is
 * over.
 */
@Component
public class TransferStore {

    private static final Logger log = LoggerFactory.getLogger(TransferStore.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path directory;

    TransferStore(TransferSettings settings) throws IOException {
        this.directory = settings.directory().isBlank()
                ? Files.createTempDirectory("muster-transfers")
                : Files.createDirectories(Path.of(settings.directory()));
        log.info("Transfers of moving instances are kept in {}", directory);
    }

    public static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    /** @return the bytes written */
    public long write(String id, InputStream data) {
        Path partial = directory.resolve(id + ".partial");
        try {
            long size = Files.copy(data, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file(id), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } catch (IOException e) {
            discardQuietly(partial);
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Path> find(String id) {
        Path file = file(id);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    public void discard(String id) {
        if (validId(id)) {
            discardQuietly(file(id));
            discardQuietly(directory.resolve(id + ".partial"));
        }
    }

    private Path file(String id) {
        return directory.resolve(id);
    }

    private static void discardQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the transfer {}: {}", file, e.toString());
        }
    }
}
