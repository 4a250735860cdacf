package dev.muster.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards TCP connections from a loopback port to a server, for tests of what a client does while that server
 * cannot be reached: {@link #reserve()} a port where nothing listens yet, {@link #open} it later; or while it stops
 * answering without closing anything (a half-open connection): {@link #silence()}.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean silent = new AtomicBoolean();
    private volatile ServerSocket listener;

    private TcpProxy(int port) {
        this.port = port;
    }

    /** A proxy on a free loopback port where nothing listens until {@link #open}. */
    public static TcpProxy reserve() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new TcpProxy(probe.getLocalPort());
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts listening, and forwards every connection to {@code host:targetPort}. */
    public synchronized TcpProxy open(String host, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        listener = server;
        Thread.ofPlatform().daemon().name("tcp-proxy-" + port).start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(host, targetPort);
                    sockets.add(client);
                    sockets.add(upstream);
                    Thread.ofPlatform().daemon().start(() -> pump(client, upstream));
                    Thread.ofPlatform().daemon().start(() -> pump(upstream, client));
                } catch (IOException e) {
                    // closed, or the target refused: the client sees its connection closed
                }
            }
        });
        return this;
    }

    /** From now on, what either side sends is swallowed; the connections stay open. */
    public void silence() {
        silent.set(true);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (!silent.get()) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // one side closed: both are closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
