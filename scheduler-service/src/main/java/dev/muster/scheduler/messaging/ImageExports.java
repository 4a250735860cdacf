package dev.muster.scheduler.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code muster.scheduler.images.*}: where members download the images their instances are created from.
 *
 * @param baseUrl the image service as members reach it ({@code MUSTER_IMAGES_URL}); exports are under
 *     {@code /1.0/images/<fingerprint>/export}
 */
@ConfigurationProperties("muster.scheduler.images")
public record ImageExports(
        @DefaultValue("http://127.0.0.1:8083") String baseUrl) {

    /** The URL a member downloads the image {@code fingerprint} from. */
    public String urlOf(String fingerprint) {
        return baseUrl.replaceAll("/+$", "") + "/1.0/images/" + fingerprint + "/export";
    }
}
