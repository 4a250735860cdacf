package dev.muster.internaltls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One principal's view of Muster's internal PKI, as {@code bin/muster-pki} lays it out in a directory:
 * {@code ca.crt} (the internal CA, the only issuer trusted), {@code NAME.crt} and {@code NAME.key} (this
 * principal's certificate and its PKCS#8 key). The TLS context it makes presents that certificate and trusts a
 * peer only if the internal CA signed it: the same context serves a service's port (with client certificates
 * required) and its calls to others.
 *
 * <p>Where the PKI is: {@link #configuredDirectory()}, the system property {@value #DIRECTORY_PROPERTY} or else the
 * environment variable {@value #DIRECTORY_VARIABLE}.
 */
public final class InternalPki {

    public static final String DIRECTORY_PROPERTY = "muster.pki";
    public static final String DIRECTORY_VARIABLE = "MUSTER_PKI";
    public static final String CA_CERTIFICATE = "ca.crt";
    /** The alias of the principal's own key in {@link #keyStore()}. */
    public static final String KEY_ALIAS = "muster-internal";

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final String name;
    private final X509Certificate authority;
    private final X509Certificate certificate;
    private final PrivateKey key;
    /** Only guards the in-memory key store; never written anywhere. */
    private final char[] storePassword;

    private InternalPki(String name, X509Certificate authority, X509Certificate certificate, PrivateKey key) {
        this.name = name;
        this.authority = authority;
        this.certificate = certificate;
        this.key = key;
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.storePassword = HexFormat.of().formatHex(random).toCharArray();
    }

    /**
     * Loads the principal {@code name} from {@code directory}.
     *
     * @throws IllegalStateException naming the file, when one is missing or unreadable, or when the certificate was
     *     not issued by the directory's CA
     */
    public static InternalPki load(Path directory, String name) {
        X509Certificate authority = certificate(directory.resolve(CA_CERTIFICATE));
        X509Certificate certificate = certificate(directory.resolve(name + ".crt"));
        PrivateKey key = privateKey(
                directory.resolve(name + ".key"), certificate.getPublicKey().getAlgorithm());
        try {
            certificate.verify(authority.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    directory.resolve(name + ".crt") + " is not signed by " + directory.resolve(CA_CERTIFICATE), e);
        }
        return new InternalPki(name, authority, certificate, key);
    }

    /** The PKI directory this process was given, if any. */
    public static Optional<Path> configuredDirectory() {
        String value = System.getProperty(DIRECTORY_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(DIRECTORY_VARIABLE);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Loads {@code name} from {@link #configuredDirectory()}, if this process was given one. */
    public static Optional<InternalPki> configured(String name) {
        return configuredDirectory().map(directory -> load(directory, name));
    }

    public String name() {
        return name;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public X509Certificate authority() {
        return authority;
    }

    /** Presents this principal's certificate; trusts peers signed by the internal CA, and no one else. */
    public SSLContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), storePassword);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the internal TLS context of " + name, e);
        }
    }

    /** An in-memory PKCS#12 store holding this principal's key and certificate chain under {@link #KEY_ALIAS}. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, key, storePassword, new X509Certificate[] {certificate, authority});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the key of " + name, e);
        }
    }

    /** The password of {@link #keyStore()}'s key entry (random, in memory only). */
    public char[] keyStorePassword() {
        return storePassword.clone();
    }

    /** An in-memory store trusting the internal CA only. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("muster-internal-ca", authority);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold the internal CA", e);
        }
    }

    private static X509Certificate certificate(Path file) {
        byte[] der = pem(file, List.of("CERTIFICATE"));
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not an X.509 certificate", e);
        }
    }

    private static PrivateKey privateKey(Path file, String algorithm) {
        byte[] der = pem(file, List.of("PRIVATE KEY"));
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " is not a PKCS#8 " + algorithm + " private key", e);
        }
    }

    /** The first PEM block of one of the given types (its content is never part of a message). */
    private static byte[] pem(Path file, List<String> types) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read " + file + " (make the internal PKI with bin/muster-pki)",
                    new UncheckedIOException(e));
        }
        Matcher block = PEM.matcher(text);
        while (block.find()) {
            if (types.contains(block.group(1))) {
                return Base64.getMimeDecoder().decode(block.group(2));
            }
        }
        throw new IllegalStateException(file + " holds no PEM block of type " + types);
    }
}
