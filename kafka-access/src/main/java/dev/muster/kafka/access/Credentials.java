package dev.muster.kafka.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SCRAM passwords of the principals, as {@code ./muster up} keeps them in {@code .muster/kafka/credentials} and
 * tests make them: one {@code principal=password} line each, {@code #} comments, the file readable by its owner only.
 * Passwords are 32 random bytes in URL-safe Base64, so they need no quoting in a JAAS line. {@link #toString()}
 * names the principals, never a password.
 */
public final class Credentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private Credentials(Map<String, String> passwords) {
        this.passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords)); // the file keeps its order
    }

    /** Fresh passwords for {@value AccessTable#ADMIN} and each of {@code principals}. */
    public static Credentials generate(Collection<String> principals) {
        return new Credentials(Map.of()).including(principals);
    }

    /** These credentials plus fresh passwords for {@value AccessTable#ADMIN} and the principals they lack. */
    public Credentials including(Collection<String> principals) {
        Map<String, String> more = new LinkedHashMap<>(passwords);
        more.computeIfAbsent(AccessTable.ADMIN, p -> newPassword());
        for (String principal : principals) {
            validName(principal);
            more.computeIfAbsent(principal, p -> newPassword());
        }
        return new Credentials(more);
    }

    /** Reads a credentials file. */
    public static Credentials read(Path file) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int equals = text.indexOf('=');
            if (equals <= 0 || equals == text.length() - 1) {
                throw new IOException(file + ":" + number + ": expected principal=password");
            }
            String principal = text.substring(0, equals);
            validName(principal);
            passwords.put(principal, validPassword(text.substring(equals + 1), file + ":" + number));
        }
        return new Credentials(passwords);
    }

    /** Writes them to {@code file}, readable and writable by its owner only (where the file system knows modes). */
    public void write(Path file) throws IOException {
        StringBuilder text = new StringBuilder(
                "# Muster's Kafka SCRAM credentials, one principal=password a line. Made by ./muster up; never commit.\n");
        passwords.forEach((principal, password) ->
                text.append(principal).append('=').append(password).append('\n'));
        Path directory = file.toAbsolutePath().getParent();
        if (directory != null) {
            Files.createDirectories(directory);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(partial);
        }
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The password of {@code principal}, if these credentials have one. */
    public Optional<String> passwordOf(String principal) {
        return Optional.ofNullable(passwords.get(principal));
    }

    /** How {@code principal} connects to the brokers at {@code bootstrapServers}. */
    public KafkaConnection connection(String bootstrapServers, String principal) {
        return new KafkaConnection(
                bootstrapServers,
                principal,
                passwordOf(principal)
                        .orElseThrow(() -> new IllegalArgumentException("no Kafka credentials for " + principal)));
    }

    /** The principals these credentials hold a password for. */
    public Set<String> principals() {
        return passwords.keySet();
    }

    @Override
    public String toString() {
        return "Credentials" + passwords.keySet();
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void validName(String principal) {
        if (!principal.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "a principal's name is lower-case letters, digits, '.', '_' and '-', not \"" + principal + "\"");
        }
    }

    private static String validPassword(String password, String where) throws IOException {
        if (!password.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IOException(where + ": a password is at least 16 characters of A-Z a-z 0-9 _ -");
        }
        return password;
    }
}
