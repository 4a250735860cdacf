package dev.muster.system;

import static dev.muster.system.Lxd.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.muster.events.EventCodec;
import dev.muster.events.Topics;
import dev.muster.events.images.ImageUpdated;
import dev.muster.testing.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What changes of an image after its import — public, properties, aliases (LXD's PUT/PATCH of images and aliases)
 * — is answered as LXD does and published as muster.image.updated with the image's whole changeable state.
 */
class ImageEditsTest {

    @RegisterExtension
    static final MusterStack stack = MusterStack.of("image-service", "gateway").withImageStore();

    static Lxd lxd;
    static ImageClient images;

    @BeforeAll
    static void clients() {
        lxd = stack.lxd();
        images = new ImageClient(stack.port("gateway"));
    }

    @Test
    void anAliasCanBeRetargetedAndEveryEditIsPublishedWithTheWholeState() throws Exception {
        String first = upload("First");
        String second = upload("Second");
        assertThat(lxd.send(
                                "POST",
                                "/1.0/images/aliases",
                                json("{'name':'edge','target':'" + first.substring(0, 12) + "'}"))
                        .status())
                .isEqualTo(201);

        Lxd.Answer alias = lxd.get("/1.0/images/aliases/edge");
        String etag = alias.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(lxd.send(
                                "PUT",
                                "/1.0/images/aliases/edge",
                                json("{'description':'moved','target':'" + second + "'}"),
                                "\"stale\"")
                        .status())
                .isEqualTo(412);
        assertThat(lxd.send(
                                "PUT",
                                "/1.0/images/aliases/edge",
                                json("{'description':'moved','target':'" + second + "'}"),
                                etag)
                        .status())
                .isEqualTo(200);
        assertThat(lxd.get("/1.0/images/aliases/edge").metadata().get("target").asString())
                .isEqualTo(second);
        assertThat(lxd.send("PATCH", "/1.0/images/aliases/edge", json("{'description':'kept target'}"))
                        .status())
                .isEqualTo(200);
        assertThat(lxd.get("/1.0/images/aliases/edge").metadata().get("target").asString())
                .isEqualTo(second);
        assertThat(lxd.get("/1.0/images/aliases/edge")
                        .metadata()
                        .get("description")
                        .asString())
                .isEqualTo("kept target");
        assertThat(lxd.send("PATCH", "/1.0/images/" + second, json("{'public':true,'properties':{'os':'alpine'}}"))
                        .status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> lastUpdate(second) != null && lastUpdate(second).isPublic());
        ImageUpdated newest = lastUpdate(second);
        assertThat(newest.aliases()).containsExactly("edge");
        assertThat(newest.properties()).containsEntry("os", "alpine");
        assertThat(lastUpdate(first).aliases())
                .as("the alias left the first image")
                .isEmpty();
    }

    @Test
    void aliasEditsThatCannotBeDoneAreRefusedWithLxdsErrors() throws Exception {
        String image = upload("Third");
        assertThat(lxd.send("POST", "/1.0/images/aliases", json("{'name':'a1','target':'" + image + "'}"))
                        .status())
                .isEqualTo(201);
        assertThat(lxd.send("POST", "/1.0/images/aliases", json("{'name':'a2','target':'" + image + "'}"))
                        .status())
                .isEqualTo(201);

        Lxd.Answer noTarget = lxd.send("PUT", "/1.0/images/aliases/a1", json("{'description':'x'}"));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.error()).isEqualTo("The target field is required");
        Lxd.Answer unknownTarget = lxd.send("PATCH", "/1.0/images/aliases/a1", json("{'target':'ffffffff'}"));
        assertThat(unknownTarget.status()).isEqualTo(404);
        assertThat(unknownTarget.error()).isEqualTo("Image not found");
        Lxd.Answer taken = lxd.send("POST", "/1.0/images/aliases/a1", json("{'name':'a2'}"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error()).isEqualTo("Alias \"a2\" already exists");
        assertThat(lxd.send("PUT", "/1.0/images/aliases/nope", json("{'target':'" + image + "'}"))
                        .error())
                .isEqualTo("Image alias not found");
    }

    private static String upload(String description) throws Exception {
        byte[] tarball = ImageTarballs.unified("x86_64", description, 64 << 10);
        assertThat(images.upload(tarball).statusCode()).isEqualTo(202);
        return ImageClient.sha256(tarball);
    }

    /** The newest muster.image.updated of the image, as an outside consumer reads it. */
    private static ImageUpdated lastUpdate(String fingerprint) {
        EventCodec codec = new EventCodec("/test");
        try (TopicReader reader = new TopicReader(Topics.IMAGES)) {
            List<ImageUpdated> updates = reader.readUntil(records -> false, Duration.ofSeconds(1)).stream()
                    .map(record ->
                            codec.dataOf(codec.readEnvelope(record.value())).orElse(null))
                    .filter(Objects::nonNull)
                    .filter(event -> event instanceof ImageUpdated updated
                            && updated.fingerprint().equals(fingerprint))
                    .map(ImageUpdated.class::cast)
                    .toList();
            return updates.isEmpty() ? null : updates.getLast();
        }
    }
}
