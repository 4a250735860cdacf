package dev.muster.images.web;

import dev.muster.images.catalog.ImageCatalog;
import dev.muster.images.catalog.Images;
import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import dev.muster.lxd.web.LxdResponses;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1.0/images/aliases}: names for images. */
@RestController
@RequestMapping("/1.0/images/aliases")
class AliasesController {

    /** LXD's {@code ImageAliasesEntry}. */
    record AliasView(String name, String description, String target, String type) {}

    record AliasesPost(String name, String description, String target) {}

    record AliasPost(String name) {}

    private final ImageCatalog catalog;
    private final Images images;

    AliasesController(ImageCatalog catalog, Images images) {
        this.catalog = catalog;
        this.images = images;
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
        if (!catalog.addAlias(new ImageCatalog.Alias(post.name(), fingerprint, post.description() == null ? "" : post.description()))) {
            throw LxdException.conflict("Alias \"%s\" already exists", post.name());
        }
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @GetMapping("/{name}")
    LxdResponse get(@PathVariable String name) {
        return LxdResponse.sync(view(existing(name)));
    }

    @PostMapping("/{name}")
    ResponseEntity<LxdResponse> rename(@PathVariable String name, @RequestBody AliasPost post) {
        existing(name);
        if (catalog.alias(post.name()).isPresent()) {
            throw LxdException.conflict("Alias \"%s\" already exists", post.name());
        }
        catalog.renameAlias(name, post.name());
        return LxdResponses.created("/1.0/images/aliases/" + post.name());
    }

    @DeleteMapping("/{name}")
    LxdResponse delete(@PathVariable String name) {
        existing(name);
        catalog.deleteAlias(name);
        return LxdResponse.empty();
    }

    private ImageCatalog.Alias existing(String name) {
        return catalog.alias(name).orElseThrow(() -> LxdException.notFound("Image alias not found"));
    }

    private static AliasView view(ImageCatalog.Alias alias) {
        return new AliasView(alias.name(), alias.description(), alias.fingerprint(), "container");
    }
}
