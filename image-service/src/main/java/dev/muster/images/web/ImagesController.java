package dev.muster.images.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.muster.images.catalog.Image;
import dev.muster.images.catalog.ImageCatalog;
import dev.muster.images.catalog.ImageEdits;
import dev.muster.images.catalog.Images;
import dev.muster.images.replication.ReplicaRecords;
import dev.muster.images.store.BlobStore;
import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
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

/** {@code /1.0/images}: LXD's images API, direct upload of unified tarballs. */
@RestController
@RequestMapping("/1.0/images")
class ImagesController {

    /** LXD's {@code Image}. */
    record ImageView(String fingerprint, String filename, long size, String architecture, String type,
            @JsonProperty("public") boolean isPublic,
            Map<String, String> properties, List<AliasView> aliases, Instant createdAt, Instant uploadedAt, Instant expiresAt,
            Instant lastUsedAt, boolean autoUpdate, boolean cached, List<String> locations) {

        ImagePut writable() {
            return new ImagePut(autoUpdate, properties, isPublic);
        }
    }

    record AliasView(String name, String description) {}

    /** LXD's {@code ImagePut}. */
    record ImagePut(Boolean autoUpdate, Map<String, String> properties, @JsonProperty("public") Boolean isPublic) {}

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
        return LxdResponses.list(LxdResponses.recursion(recursion), views, image -> "/1.0/images/" + image.fingerprint());
    }

    /** A direct upload: the body is the unified image tarball. */
    @PostMapping
    ResponseEntity<LxdResponse> upload(HttpServletRequest request,
            @RequestHeader(value = "X-LXD-filename", required = false) String filename,
            @RequestHeader(value = "X-LXD-public", required = false) String isPublic,
            @RequestHeader(value = "X-LXD-properties", required = false) String properties) throws IOException {
        if (MediaType.APPLICATION_JSON_VALUE.equals(request.getContentType())) {
            throw LxdException.badRequest("Only direct uploads of image tarballs are supported (Content-Type: application/octet-stream)");
        }
        if (request.getContentType() != null && request.getContentType().startsWith("multipart/")) {
            throw LxdException.badRequest("Split images (metadata and rootfs as two files) are not supported; upload a unified tarball");
        }
        return LxdResponses.async(images.importTarball(request.getInputStream(), filename,
                "true".equalsIgnoreCase(isPublic) || "1".equals(isPublic), queryProperties(properties)));
    }

    @GetMapping("/{fingerprint}")
    ResponseEntity<LxdResponse> get(@PathVariable String fingerprint) {
        ImageView view = view(images.find(fingerprint));
        return LxdResponses.withEtag(view, view.writable());
    }

    @GetMapping("/{fingerprint}/export")
    ResponseEntity<Resource> export(@PathVariable String fingerprint) throws IOException {
        Image image = images.find(fingerprint);
        Path file = blobs.verified(image.fingerprint())
                .orElseThrow(() -> LxdException.notFound("Image file of %s is missing or corrupt", image.fingerprint()));
        String name = image.filename().isEmpty() ? image.fingerprint() + ".tar.gz" : image.filename();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(Files.size(file))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=" + name)
                .body(new FileSystemResource(file));
    }

    @PutMapping("/{fingerprint}")
    LxdResponse put(@PathVariable String fingerprint, @RequestBody ImagePut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ImageView current = view(images.find(fingerprint));
        Etags.check(ifMatch, current.writable());
        edits.update(current.fingerprint(), Boolean.TRUE.equals(put.isPublic()), put.properties() == null ? Map.of() : put.properties());
        return LxdResponse.empty();
    }

    @PatchMapping("/{fingerprint}")
    LxdResponse patch(@PathVariable String fingerprint, @RequestBody ImagePut patch,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ImageView current = view(images.find(fingerprint));
        Etags.check(ifMatch, current.writable());
        Map<String, String> properties = new LinkedHashMap<>(current.properties());
        if (patch.properties() != null) {
            properties.putAll(patch.properties());
        }
        edits.update(current.fingerprint(), patch.isPublic() == null ? current.isPublic() : patch.isPublic(), properties);
        return LxdResponse.empty();
    }

    @DeleteMapping("/{fingerprint}")
    ResponseEntity<LxdResponse> delete(@PathVariable String fingerprint) throws IOException {
        return LxdResponses.async(images.delete(fingerprint));
    }

    private ImageView view(Image image) {
        List<AliasView> aliases = catalog.aliasesOf(image.fingerprint()).stream()
                .map(alias -> new AliasView(alias.name(), alias.description())).toList();
        return new ImageView(image.fingerprint(), image.filename(), image.size(), image.architecture(), image.type(), image.isPublic(),
                image.properties(), aliases, image.createdAt(), image.uploadedAt(), Instant.EPOCH, Instant.EPOCH, false, false,
                replicas.holdersOf(image.fingerprint()));
    }

    /** {@code X-LXD-properties}: a URL query string of properties. */
    private static Map<String, String> queryProperties(String header) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (header != null && !header.isBlank()) {
            for (String pair : header.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    properties.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return properties;
    }
}
