package dev.muster.images.web;

import static org.hamcrest.Matchers.contains;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.muster.images.application.ImageEdits;
import dev.muster.images.application.Images;
import dev.muster.images.catalog.Image;
import dev.muster.images.persistence.ImageCatalog;
import dev.muster.images.persistence.ReplicaRecords;
import dev.muster.images.store.BlobStore;
import dev.muster.lxd.web.config.LxdWebAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Image objects as a real LXD 5.0.2 cluster answers them, field for field where Muster has the field. */
@WebMvcTest(controllers = ImagesController.class)
@ImportAutoConfiguration(LxdWebAutoConfiguration.class)
class ImageObjectsTest {

    static final String FINGERPRINT = "a".repeat(64);
    static final Image IMAGE = new Image(
            FINGERPRINT,
            "alpine.tar.gz",
            1024,
            "x86_64",
            "container",
            false,
            Map.of("os", "alpine"),
            Instant.parse("2026-11-23T10:00:00Z"),
            Instant.parse("2026-11-23T10:00:01Z"),
            false);

    @MockitoBean
    Images images;

    @MockitoBean
    ImageCatalog catalog;

    @MockitoBean
    BlobStore blobs;

    @MockitoBean
    ReplicaRecords replicas;

    @MockitoBean
    ImageEdits edits;

    @Autowired
    MockMvc mvc;

    @BeforeEach
    void oneImageOnTwoMembers() {
        when(images.find(FINGERPRINT)).thenReturn(IMAGE);
        when(catalog.all()).thenReturn(List.of(IMAGE));
        when(catalog.aliasesOf(FINGERPRINT)).thenReturn(List.of());
        when(replicas.holdersOf(FINGERPRINT)).thenReturn(List.of("m1", "m2"));
    }

    @Test
    void anImageCarriesTheDefaultProfileAsLxdsDo() throws Exception {
        mvc.perform(get("/1.0/images/" + FINGERPRINT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata.fingerprint").value(FINGERPRINT))
                .andExpect(jsonPath("$.metadata.profiles").value(contains("default")));
        mvc.perform(get("/1.0/images?recursion=1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata[0].profiles").value(contains("default")));
    }

    @Test
    void anUnknownPathIs404NotFound() throws Exception {
        mvc.perform(get("/1.0/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("error"))
                .andExpect(jsonPath("$.error_code").value(404))
                .andExpect(jsonPath("$.error").value("not found"));
    }
}
