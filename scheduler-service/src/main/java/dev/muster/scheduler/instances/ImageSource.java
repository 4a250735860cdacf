package dev.muster.scheduler.instances;

/**
 * The image a creation names ({@code source.type} {@code image}): by {@code alias} (its exact name) or by
 * {@code fingerprint} (whole, or a prefix only one image has); {@code server} names a remote image server, which
 * Muster does not use. Blank fields are absent.
 */
public record ImageSource(String alias, String fingerprint, String server) {

    public ImageSource {
        alias = alias == null ? "" : alias;
        fingerprint = fingerprint == null ? "" : fingerprint;
        server = server == null ? "" : server;
    }
}
