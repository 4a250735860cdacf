package dev.muster.images.web;

import dev.muster.images.application.ImageEdits;
import dev.muster.images.catalog.Alias;
import dev.muster.images.catalog.Image;
import dev.muster.images.persistence.ImageCatalog;
import dev.muster.lxd.web.Etags;
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
    private final ImageEdits edits;

    AliasesController(ImageCatalog catalog, ImageEdits edits) {
        this.catalog = catalog;
        this.edits = edits;
    }

    @GetMapping
    LxdResponse list(@RequestParam(required = false) String recursion) {
        List<AliasView> views =
                catalog.aliases().stream().map(AliasesController::view).toList();
        return LxdResponses.list(
                LxdResponses.recursion(recursion), views, alias -> "/1.0/images/aliases/" + alias.name());
    }

    @PostMapping
    ResponseEntity<LxdResponse> create(@RequestBody AliasesPost post) {
        edits.createAlias(post.name(), post.description(), post.target());
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @GetMapping("/{name}")
    ResponseEntity<LxdResponse> get(@PathVariable String name) {
        AliasView view = view(edits.alias(name));
        return LxdResponses.withEtag(view, view.writable());
    }

    /** Replaces description and target; the target is required, as in LXD. */
    @PutMapping("/{name}")
    LxdResponse put(
            @PathVariable String name,
            @RequestBody AliasPut put,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Alias alias = edits.alias(name);
        Etags.check(ifMatch, view(alias).writable());
        edits.replaceAlias(alias, put.description(), put.target());
        return LxdResponse.empty();
    }

    /** Changes what the request names, keeps the rest. */
    @PatchMapping("/{name}")
    LxdResponse patch(
            @PathVariable String name,
            @RequestBody AliasPut patch,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        Alias alias = edits.alias(name);
        Etags.check(ifMatch, view(alias).writable());
        edits.patchAlias(alias, patch.description(), patch.target());
        return LxdResponse.empty();
    }

    @PostMapping("/{name}")
    ResponseEntity<LxdResponse> rename(@PathVariable String name, @RequestBody AliasPost post) {
        edits.renameAlias(edits.alias(name), post.name());
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @DeleteMapping("/{name}")
    LxdResponse delete(@PathVariable String name) {
        edits.deleteAlias(edits.alias(name));
        return LxdResponse.empty();
    }

    private static AliasView view(Alias alias) {
        return new AliasView(alias.name(), alias.description(), alias.fingerprint(), Image.CONTAINER);
    }
}
