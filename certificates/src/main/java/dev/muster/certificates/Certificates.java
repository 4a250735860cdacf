package dev.muster.certificates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Reading, writing and fingerprinting X.509 certificates the way LXD does. */
public final class Certificates {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private Certificates() {}

    /** LXD's fingerprint: the SHA-256 of the DER encoding, lower-case hex. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One certificate in PEM text; {@link InvalidCertificate} with the reason when it is not. */
    public static X509Certificate parsePem(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new InvalidCertificate("no PEM certificate block found");
        }
        return parse(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The {@code certificate} field of LXD's {@code POST /1.0/certificates}: the base64 of the DER encoding (PEM text
     * is accepted as well).
     */
    public static X509Certificate parseApiField(String value) {
        if (value.contains("-----BEGIN")) {
            return parsePem(value);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(value.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidCertificate("illegal base64 data: " + e.getMessage());
        }
        return parse(der);
    }

    private static X509Certificate parse(byte[] encoded) {
        try {
            var certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(encoded));
            if (certificates.size() != 1) {
                throw new InvalidCertificate("expected one certificate, found " + certificates.size());
            }
            return (X509Certificate) certificates.iterator().next();
        } catch (CertificateException | RuntimeException e) {
            if (e instanceof InvalidCertificate invalid) {
                throw invalid;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidCertificate("malformed certificate: " + reason);
        }
    }

    public static String toPem(X509Certificate certificate) {
        return Identity.pem(certificate);
    }

    /**
     * Why {@code certificate} cannot be trusted as a client's at {@code now}, if it cannot: not yet valid, expired,
     * or restricted by its extended key usage to other purposes than client authentication.
     */
    public static void checkUsableByClient(X509Certificate certificate, Instant now) {
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new InvalidCertificate("certificate is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new InvalidCertificate(
                    "certificate expired on " + certificate.getNotAfter().toInstant());
        }
        List<String> usages;
        try {
            usages = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new InvalidCertificate("unreadable extended key usage: " + e.getMessage());
        }
        if (usages != null && !usages.contains(CLIENT_AUTH)) {
            throw new InvalidCertificate(
                    "not a client certificate: its extended key usage excludes client authentication");
        }
    }
}
