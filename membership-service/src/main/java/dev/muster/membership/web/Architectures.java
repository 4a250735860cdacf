package dev.muster.membership.web;

import java.util.Locale;

/** LXD's architecture names for what the JVM reports. */
final class Architectures {

    private Architectures() {}

    static String host() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm" -> "armv7l";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> System.getProperty("os.arch");
        };
    }
}
