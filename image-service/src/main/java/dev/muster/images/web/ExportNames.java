package dev.muster.images.web;

import dev.muster.images.catalog.Catalog;
import dev.muster.images.catalog.Image;
import dev.muster.images.multipart.MultipartBody;
import dev.muster.images.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The parts of a split image's export as LXD names them: {@code metadata} as {@code meta-<fp><ext>}, then
 * {@code rootfs} (a virtual machine's: {@code rootfs.img}) as {@code <fp><ext>}, each extension told by the file's
 * first bytes ({@code .tar.xz}, {@code .squashfs}, …), since the two may be in different formats.
 */
final class ExportNames {

    /** How many of a file's first bytes tell its format. */
    private static final int HEAD_BYTES = 512;
    /** Where a POSIX tar archive's first header has its {@code ustar} magic. */
    private static final int TAR_MAGIC_OFFSET = 257;

    /** A split image's two parts, in the order LXD sends them. */
    record SplitParts(MultipartBody.FilePart metadata, MultipartBody.FilePart rootfs) {
        List<MultipartBody.FilePart> both() {
            return List.of(metadata, rootfs);
        }
    }

    private ExportNames() {}

    static SplitParts partsOf(Image image, BlobStore.ImageFiles files) throws IOException {
        return new SplitParts(
                new MultipartBody.FilePart(
                        Catalog.METADATA_PART, "meta-" + image.fingerprint() + extensionOf(files.file()), files.file()),
                new MultipartBody.FilePart(
                        Catalog.rootfsPartOf(image),
                        image.fingerprint() + extensionOf(files.rootfs()),
                        files.rootfs()));
    }

    static String extensionOf(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (starts(head, 0, 0x1f, 0x8b)) {
            return ".tar.gz";
        } else if (starts(head, 0, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return ".tar.xz";
        } else if (starts(head, 0, 'B', 'Z', 'h')) {
            return ".tar.bz2";
        } else if (starts(head, 0, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ".tar.zst";
        } else if (starts(head, 0, 'h', 's', 'q', 's')) {
            return ".squashfs";
        } else if (starts(head, 0, 'Q', 'F', 'I', 0xfb)) {
            return ".qcow2";
        } else if (starts(head, TAR_MAGIC_OFFSET, 'u', 's', 't', 'a', 'r')) {
            return ".tar";
        }
        return "";
    }

    private static boolean starts(byte[] bytes, int offset, int... prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[offset + i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
