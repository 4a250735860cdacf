package dev.muster.images.catalog;

/** A name for an image. */
public record Alias(String name, String fingerprint, String description) {}
