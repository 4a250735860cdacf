package dev.muster.scheduler.transfers;

import dev.muster.lxd.web.LxdException;
import dev.muster.lxd.web.LxdResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/transfers/{id}}: members' agents put a moving instance's export here and get it back to import it.
 * Reached by members directly (not through the gateway); streamed both ways, never held in memory.
 */
@RestController
@RequestMapping(TransfersController.PATH)
class TransfersController {

    static final String PATH = "/internal/transfers";

    private final TransferStore store;

    TransfersController(TransferStore store) {
        this.store = store;
    }

    @PutMapping("/{id}")
    LxdResponse put(@PathVariable String id, HttpServletRequest request) throws IOException {
        checkId(id);
        long size = store.write(id, request.getInputStream());
        return LxdResponse.sync(Map.of("size", size));
    }

    @GetMapping("/{id}")
    ResponseEntity<Resource> get(@PathVariable String id) {
        checkId(id);
        Path file = store.find(id).orElseThrow(() -> LxdException.notFound("Transfer not found"));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(new FileSystemResource(file));
    }

    private static void checkId(String id) {
        if (!TransferStore.validId(id)) {
            throw LxdException.badRequest("Invalid transfer id");
        }
    }
}
