package dev.muster.certificates;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private key and its self-signed certificate: what a server presents (the cluster certificate) and what a
 * client proves itself with. Made as LXD makes its own: ECDSA on P-384, signed with SHA-384, usable for both
 * server and client authentication.
 */
public record Identity(PrivateKey privateKey, X509Certificate certificate) {

    /** Makes a new key and a certificate valid from {@code notBefore} for {@code validity}. */
    public static Identity make(String commonName, List<String> dnsNames, Instant notBefore, Duration validity) {
        return make(commonName, dnsNames, notBefore, validity, Purpose.SERVER_AND_CLIENT);
    }

    /** What a certificate may authenticate (its extended key usage). */
    public enum Purpose {
        SERVER_AND_CLIENT,
        SERVER_ONLY
    }

    public static Identity make(
            String commonName, List<String> dnsNames, Instant notBefore, Duration validity, Purpose purpose) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            var subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Muster")
                    .addRDN(BCStyle.CN, commonName)
                    .build();
            var builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(127, new SecureRandom()),
                    Date.from(notBefore),
                    Date.from(notBefore.plus(validity)),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(
                            purpose == Purpose.SERVER_ONLY
                                    ? new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}
                                    : new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                                    }));
            if (!dnsNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));
            return new Identity(pair.getPrivate(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot make a certificate", e);
        }
    }

    /** Reads an identity written by {@link #certificatePem()} and {@link #privateKeyPem()} (PKCS#8). */
    public static Identity fromPem(String certificatePem, String privateKeyPem) {
        X509Certificate certificate = Certificates.parsePem(certificatePem);
        String body = privateKeyPem
                .replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            return new Identity(key, certificate);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the private key: " + e.getMessage(), e);
        }
    }

    public String certificatePem() {
        return Certificates.toPem(certificate);
    }

    /** The private key as PKCS#8 PEM text. */
    public String privateKeyPem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public String fingerprint() {
        return Certificates.fingerprint(certificate);
    }

    /** An in-memory PKCS#12 key store holding this identity under {@code alias}. */
    public KeyStore keyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, privateKey, password, new Certificate[] {certificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }

    static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
