package dev.muster.internaltls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PKI {@code bin/muster-pki} makes, as a principal loads it: mutual TLS between its principals only. */
class InternalPkiTest {

    @TempDir
    Path ours;

    @TempDir
    Path theirs;

    @Test
    void twoPrincipalsOfOneAuthorityShakeHandsBothWays() throws Exception {
        makePki(ours, "service", "caller");
        InternalPki service = InternalPki.load(ours, "service");
        InternalPki caller = InternalPki.load(ours, "caller");

        assertThat(handshake(service, caller)).isEqualTo("CN=caller,O=Muster");
    }

    @Test
    void aCertificateOfAnotherAuthorityDoesNotPassForOneOfOurs() throws Exception {
        makePki(ours, "service");
        makePki(theirs, "caller");
        Files.copy(ours.resolve("ca.crt"), theirs.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> InternalPki.load(theirs, "caller"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not signed by");
    }

    @Test
    void aMissingKeyIsNamed() throws Exception {
        makePki(ours, "service");
        Files.delete(ours.resolve("service.key"));

        assertThatThrownBy(() -> InternalPki.load(ours, "service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("service.key")
                .hasMessageContaining("bin/muster-pki");
    }

    /** Serves one TLS connection as {@code server} (client certificate required); answers the client's subject. */
    private static String handshake(InternalPki server, InternalPki client) throws Exception {
        try (SSLServerSocket listener =
                (SSLServerSocket) server.sslContext().getServerSocketFactory().createServerSocket(0)) {
            listener.setNeedClientAuth(true);
            Thread dialer = Thread.ofVirtual().start(() -> {
                try (SSLSocket socket = (SSLSocket)
                        client.sslContext().getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                    socket.startHandshake();
                    socket.getInputStream().read();
                } catch (IOException ignored) {
                    // the server closes once it has seen the certificate
                }
            });
            try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                accepted.startHandshake();
                String subject = accepted.getSession().getPeerPrincipal().getName();
                accepted.getOutputStream().write(1);
                dialer.join();
                return subject;
            }
        }
    }

    private static void makePki(Path directory, String... names) throws Exception {
        Path script = Path.of("").toAbsolutePath().getParent().resolve("bin/muster-pki");
        String[] command = new String[names.length + 2];
        command[0] = script.toString();
        command[1] = directory.toString();
        System.arraycopy(names, 0, command, 2, names.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
    }
}
