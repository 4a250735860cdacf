package dev.muster.gateway.trust;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A certificate in the trust store, with LXD's fields ({@code GET /1.0/certificates/{fingerprint}}). */
public record TrustedCertificate(
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("restricted") boolean restricted,
        @JsonProperty("projects") List<String> projects,
        @JsonProperty("certificate") String certificate,
        @JsonProperty("fingerprint") String fingerprint) {

    public static final String CLIENT = "client";
    public static final String METRICS = "metrics";
    public static final String SERVER = "server";

    /** The part a client may change, over which the ETag is computed. */
    Writable writable() {
        return new Writable(name, type, restricted, projects, certificate);
    }

    record Writable(String name, String type, boolean restricted, List<String> projects, String certificate) {}
}
