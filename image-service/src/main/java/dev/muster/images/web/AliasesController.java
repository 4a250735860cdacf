package dev.muster.images.web;

import dev.muster.images.catalog.ImageCatalog;
import dev.muster.images.catalog.ImageEdits;
import dev.muster.images.catalog.Images;
import dev.muster.lxd.web.Etags;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import java.util.List;
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

/** {@code /1.0/images/aliases}: names for images. */
@RestController
@RequestMapping("/1.0/images/aliases")
class AliasesController {

    /** LXD's {@code ImageAliasesEntry}. */
    record AliasView(String name, String description, String target, String type) {
        AliasPut writable() {
            return new AliasPut(description, target);
        }
    }

    record AliasesPost(String name, String description, String target) {}

    /** LXD's {@code ImageAliasesEntryPut}. */
    record AliasPut(String description, String target) {}

    record AliasPost(String name) {}

    private final ImageCatalog catalog;
    private final Images images;
    private final ImageEdits edits;

    AliasesController(ImageCatalog catalog, Images images, ImageEdits edits) {
        this.catalog = catalog;
        this.images = images;
        this.edits = edits;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        List<AliasView> views = catalog.aliases().stream().map(AliasesController::view).toList();
        return LxdResponses.list(LxdResponses.recursion(recursion), views, alias -> "/1.0/images/aliases/" + alias.name());
    }

    @PostMapping
    ResponseEntity<LxdResponse> create(@RequestBody AliasesPost post) {
        if (post.name() == null || post.name().isEmpty() || post.target() == null || post.target().isEmpty()) {
            throw LxdException.badRequest("name and target are required"); // LXD's words
        }
        if (catalog.alias(post.name()).isPresent()) {
            throw LxdException.conflict("Alias \"%s\" already exists", post.name()); // checked before the target, as LXD does
        }
        String fingerprint = images.find(post.target()).fingerprint();
        edits.createAlias(new ImageCatalog.Alias(post.name(), fingerprint, post.description() == null ? "" : post.description()));
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @GetMapping("/{name}")
    ResponseEntity<LxdResponse> get(@PathVariable String name) {
        AliasView view = view(existing(name));
        return LxdResponses.withEtag(view, view.writable());
    }

    /** Replaces description and target; the target is required, as in LXD. */
    @PutMapping("/{name}")
    LxdResponse put(@PathVariable String name, @RequestBody AliasPut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ImageCatalog.Alias alias = existing(name);
        Etags.check(ifMatch, view(alias).writable());
        if (put.target() == null || put.target().isEmpty()) {
            throw LxdException.badRequest("The target field is required");
        }
        edits.updateAlias(alias, images.find(put.target()).fingerprint(), put.description() == null ? "" : put.description());
        return LxdResponse.empty();
    }

    /** Changes what the request names, keeps the rest. */
    @PatchMapping("/{name}")
    LxdResponse patch(@PathVariable String name, @RequestBody AliasPut patch,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ImageCatalog.Alias alias = existing(name);
        Etags.check(ifMatch, view(alias).writable());
        String fingerprint = patch.target() == null || patch.target().isEmpty() ? alias.fingerprint() : images.find(patch.target()).fingerprint();
        edits.updateAlias(alias, fingerprint, patch.description() == null ? alias.description() : patch.description());
        return LxdResponse.empty();
    }

    @PostMapping("/{name}")
    ResponseEntity<LxdResponse> rename(@PathVariable String name, @RequestBody AliasPost post) {
        ImageCatalog.Alias alias = existing(name);
        if (post.name() == null || post.name().isEmpty()) {
            throw LxdException.badRequest("name is required");
        }
        edits.renameAlias(alias, post.name());
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @DeleteMapping("/{name}")
    LxdResponse delete(@PathVariable String name) {
        edits.deleteAlias(existing(name));
        return LxdResponse.empty();
    }

    private ImageCatalog.Alias existing(String name) {
        return catalog.alias(name).orElseThrow(() -> LxdException.notFound("Image alias not found"));
    }

    private static AliasView view(ImageCatalog.Alias alias) {
        return new AliasView(alias.name(), alias.description(), alias.fingerprint(), "container");
    }
}
