package dev.muster.agent.host;

import dev.muster.events.heartbeats.MemberState.StoragePoolState;
import dev.muster.events.heartbeats.MemberState.Usage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The space of the filesystem holding a path, reported as a storage pool. The JDK does not tell inode counts, so
 * inodes are reported as 0 of 0 (unknown), as LXD does for drivers without them.
 */
public final class StoragePoolReader {

    private final Path path;

    public StoragePoolReader(Path path) {
        this.path = path;
    }

    public StoragePoolState read() {
        try {
            FileStore store = Files.getFileStore(path);
            long total = store.getTotalSpace();
            long used = Math.max(0, total - store.getUnallocatedSpace());
            return new StoragePoolState(new Usage(used, total), new Usage(0, 0));
        } catch (IOException e) {
            return new StoragePoolState(new Usage(0, 0), new Usage(0, 0));
        }
    }
}
