package dev.muster.images.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.muster.images.application.ImageEdits;
import dev.muster.images.application.Images;
import dev.muster.images.catalog.Catalog;
import dev.muster.images.catalog.Image;
import dev.muster.images.catalog.ImageRejection;
import dev.muster.images.multipart.MultipartBody;
import dev.muster.images.multipart.MultipartReader;
import dev.muster.images.persistence.ImageCatalog;
import dev.muster.images.persistence.ReplicaRecords;
import dev.muster.images.store.BlobStore;
import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1.0/images}: LXD's images API, direct upload of unified tarballs and split images. */
@RestController
@RequestMapping("/1.0/images")
class ImagesController {

    /**
     * LXD's {@code Image}. {@code profiles}, the profiles an instance created from the image gets, is always
     * {@code ["default"]}, as LXD gives every new image (Muster has no profiles to choose from); it is not part of
     * the ETag, which stays over what {@code PUT}/{@code PATCH} here can change.
     */
    record ImageView(
            String fingerprint,
            String filename,
            long size,
            String architecture,
            String type,
            @JsonProperty("public") boolean isPublic,
            Map<String, String> properties,
            List<AliasView> aliases,
            Instant createdAt,
            Instant uploadedAt,
            Instant expiresAt,
            Instant lastUsedAt,
            boolean autoUpdate,
            boolean cached,
            List<String> profiles,
            List<String> locations) {

        static final List<String> DEFAULT_PROFILES = List.of("default");

        ImagePut writable() {
            return new ImagePut(autoUpdate, properties, isPublic);
        }
    }

    record AliasView(String name, String description) {}

    /** LXD's {@code ImagePut}. */
    record ImagePut(
            Boolean autoUpdate,
            Map<String, String> properties,
            @JsonProperty("public") Boolean isPublic) {}

    private static final String BOUNDARY = "boundary=";

    private final Images images;
    private final ImageCatalog catalog;
    private final BlobStore blobs;
    private final ReplicaRecords replicas;
    private final ImageEdits edits;

    ImagesController(Images images, ImageCatalog catalog, BlobStore blobs, ReplicaRecords replicas, ImageEdits edits) {
        this.replicas = replicas;
        this.edits = edits;
        this.images = images;
        this.catalog = catalog;
        this.blobs = blobs;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        List<ImageView> views = catalog.all().stream().map(this::view).toList();
        return LxdResponses.list(
                LxdResponses.recursion(recursion), views, image -> "/1.0/images/" + image.fingerprint());
    }

    /**
     * A direct upload: the body is the unified image tarball, or (multipart/form-data, as {@code lxc image import
     * META ROOTFS} sends it) a split image's metadata and rootfs parts.
     */
    @PostMapping
    ResponseEntity<LxdResponse> upload(
            HttpServletRequest request,
            @RequestHeader(value = "X-LXD-filename", required = false) String filename,
            @RequestHeader(value = "X-LXD-public", required = false) String isPublic,
            @RequestHeader(value = "X-LXD-properties", required = false) String properties)
            throws IOException {
        String contentType = request.getContentType();
        if (MediaType.APPLICATION_JSON_VALUE.equals(contentType)) {
            throw ImageRejection.invalid(
                    "Only direct uploads of image files are supported (Content-Type: application/octet-stream "
                            + "or multipart/form-data)");
        }
        boolean visible = "true".equalsIgnoreCase(isPublic) || "1".equals(isPublic);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            MultipartReader parts = new MultipartReader(request.getInputStream(), boundaryOf(contentType));
            return LxdResponses.async(images.importSplit(parts, filename, visible, queryProperties(properties)));
        }
        return LxdResponses.async(
                images.importTarball(request.getInputStream(), filename, visible, queryProperties(properties)));
    }

    @GetMapping("/{fingerprint}")
    ResponseEntity<LxdResponse> get(@PathVariable String fingerprint) {
        ImageView view = view(images.find(fingerprint));
        return LxdResponses.withEtag(view, view.writable());
    }

    /**
     * The image's file(s), checked against the fingerprint first. A split image comes as LXD sends it, one
     * multipart/form-data body with its {@code metadata} and {@code rootfs} (or {@code rootfs.img}) parts; with
     * {@code ?part=metadata} or {@code ?part=rootfs} (a Muster extension) just that file, plainly.
     */
    @GetMapping("/{fingerprint}/export")
    ResponseEntity<Resource> export(@PathVariable String fingerprint, @RequestParam(required = false) String part)
            throws IOException {
        Image image = images.find(fingerprint);
        BlobStore.ImageFiles files = blobs.verified(image.fingerprint())
                .orElseThrow(() ->
                        ImageRejection.notFound("Image file of " + image.fingerprint() + " is missing or corrupt"));
        Catalog.ExportPart chosen = Catalog.exportPart(image, files.split(), part);
        if (!files.split()) {
            String name = image.filename().isEmpty() ? image.fingerprint() + ".tar.gz" : image.filename();
            return file(files.file(), name);
        }
        ExportNames.SplitParts parts = ExportNames.partsOf(image, files);
        return switch (chosen) {
            case METADATA -> file(parts.metadata().file(), parts.metadata().filename());
            case ROOTFS -> file(parts.rootfs().file(), parts.rootfs().filename());
            case WHOLE -> multipart(new MultipartBody(parts.both()));
        };
    }

    private static ResponseEntity<Resource> multipart(MultipartBody body) throws IOException {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(body.contentType()))
                .contentLength(body.length())
                .body(new InputStreamResource(body.open()));
    }

    private static ResponseEntity<Resource> file(Path file, String name) {
        try {
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .contentLength(Files.size(file))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + name)
                    .body(new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PutMapping("/{fingerprint}")
    LxdResponse put(
            @PathVariable String fingerprint,
            @RequestBody ImagePut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Image image = images.find(fingerprint);
        Etags.check(ifMatch, view(image).writable());
        edits.update(Catalog.replaced(image, put.isPublic(), put.properties()));
        return LxdResponse.empty();
    }

    @PatchMapping("/{fingerprint}")
    LxdResponse patch(
            @PathVariable String fingerprint,
            @RequestBody ImagePut patch,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Image image = images.find(fingerprint);
        Etags.check(ifMatch, view(image).writable());
        edits.update(Catalog.patched(image, patch.isPublic(), patch.properties()));
        return LxdResponse.empty();
    }

    @DeleteMapping("/{fingerprint}")
    ResponseEntity<LxdResponse> delete(@PathVariable String fingerprint) throws IOException {
        return LxdResponses.async(images.delete(fingerprint));
    }

    private ImageView view(Image image) {
        List<AliasView> aliases = catalog.aliasesOf(image.fingerprint()).stream()
                .map(alias -> new AliasView(alias.name(), alias.description()))
                .toList();
        return new ImageView(
                image.fingerprint(),
                image.filename(),
                image.size(),
                image.architecture(),
                image.type(),
                image.isPublic(),
                image.properties(),
                aliases,
                image.createdAt(),
                image.uploadedAt(),
                Instant.EPOCH,
                Instant.EPOCH,
                false,
                false,
                ImageView.DEFAULT_PROFILES,
                replicas.holdersOf(image.fingerprint()));
    }

    /** The {@code boundary} parameter of a multipart Content-Type, unquoted. */
    private static String boundaryOf(String contentType) {
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.regionMatches(true, 0, BOUNDARY, 0, BOUNDARY.length())) {
                String value = trimmed.substring(BOUNDARY.length());
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        throw ImageRejection.invalidMultipart("no boundary in the Content-Type");
    }

    /** {@code X-LXD-properties}: a URL query string of properties. */
    private static Map<String, String> queryProperties(String header) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (header != null && !header.isBlank()) {
            for (String pair : header.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    properties.put(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return properties;
    }
}
