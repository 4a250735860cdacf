package dev.muster.agent.host;

import java.util.Locale;

/** LXD's architecture names (as {@code uname -m} prints them) for what the JVM calls its architecture. */
public final class Architectures {

    private Architectures() {}

    /** The architecture of this host, e.g. {@code x86_64} or {@code aarch64}. */
    public static String host() {
        return lxdName(System.getProperty("os.arch"));
    }

    public static String lxdName(String jvmArchitecture) {
        return switch (jvmArchitecture.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "arm" -> "armv7l";
            case "x86", "i386", "i686" -> "i686";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            default -> jvmArchitecture;
        };
    }
}
