package dev.muster.gateway.unixsocket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the gateway's API on a unix socket, as LXD serves its local one: every connection is relayed byte for
 * byte to the gateway's loopback HTTP port. The socket is for its owner and group ({@code 0660}), so who can open it is who
 * may administer Muster, like LXD's {@code unix.socket} (trusted without a certificate).
 */
public final class UnixSocketBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketBridge.class);

    private final Path socket;
    private final InetSocketAddress gateway;
    private ServerSocketChannel server;

    public UnixSocketBridge(Path socket, InetSocketAddress gateway) {
        this.socket = socket;
        this.gateway = gateway;
    }

    public UnixSocketBridge start() throws IOException {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        Thread.ofVirtual().name("unix-socket-accept").start(this::acceptLoop);
        log.info("Serving the LXD API on {}", socket.toAbsolutePath());
        return this;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("Accepting on {} failed: {}", socket, e.getMessage());
                }
            }
        }
    }

    private void relay(SocketChannel client) {
        try (client;
                SocketChannel upstream = SocketChannel.open(gateway)) {
            Thread back = Thread.ofVirtual().start(() -> pump(upstream, client));
            pump(client, upstream);
            back.join();
        } catch (IOException e) {
            log.debug("Unix socket connection ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side closed; the relay ends
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        Files.deleteIfExists(socket);
    }
}
