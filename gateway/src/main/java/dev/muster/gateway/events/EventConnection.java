package dev.muster.gateway.events;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of {@code /1.0/events} once its connection became a websocket: frames waiting for it sit in a bounded
 * buffer that a thread of its own writes out, so a slow client only ever delays itself. A client whose buffer
 * overflows is disconnected. Pings are answered, a close is returned, anything else the client sends is ignored.
 */
public final class EventConnection implements HttpUpgradeHandler {

    private static final Logger log = LoggerFactory.getLogger(EventConnection.class);
    private static final byte[] END = new byte[0];

    private EventHub hub;
    private EventSelection selection;
    private BlockingQueue<byte[]> outbox;
    private WebConnection connection;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** Made by the servlet container on upgrade; {@link #attach} gives it what it serves. */
    public EventConnection() {}

    void attach(EventHub hub, EventSelection selection, int buffer) {
        this.hub = hub;
        this.selection = selection;
        this.outbox = new ArrayBlockingQueue<>(buffer);
    }

    @Override
    public void init(WebConnection webConnection) {
        this.connection = webConnection;
        try {
            ServletInputStream in = webConnection.getInputStream();
            ServletOutputStream out = webConnection.getOutputStream();
            hub.add(this);
            Thread.ofVirtual().name("events-send").start(() -> send(out));
            in.setReadListener(new Receiver(in));
        } catch (IOException e) {
            log.debug("An event client left before it was served: {}", e.getMessage());
            disconnect();
        }
    }

    boolean wants(String type, String project) {
        return !ended.get() && selection.wants(type, project);
    }

    /** Queues a frame; a client that has fallen {@code buffer} frames behind is disconnected instead. */
    void deliver(byte[] frame) {
        if (!outbox.offer(frame)) {
            log.info("An event client fell {} events behind and is disconnected", outbox.size());
            disconnect();
        }
    }

    /** Sends a close frame after what is queued, then closes (the gateway stops). */
    void goAway() {
        finish(WebSocketFrames.close(WebSocketFrames.GOING_AWAY));
    }

    private void send(ServletOutputStream out) {
        try {
            while (true) {
                byte[] frame = outbox.take();
                if (frame == END) {
                    break;
                }
                WebSocketFrames.write(out, frame);
            }
        } catch (IOException e) {
            log.debug("An event client went away: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        disconnect();
    }

    /**
     * Reads what the client sends as it arrives (the container calls back; a blocking read on an upgraded connection
     * would never wake): pings are answered, a close returned, anything else ignored.
     */
    private final class Receiver implements ReadListener {
        private final ServletInputStream in;
        private ByteBuffer received = ByteBuffer.allocate(8 * 1024);

        Receiver(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] chunk = new byte[8 * 1024];
            while (in.isReady()) {
                int n = in.read(chunk);
                if (n < 0) {
                    disconnect();
                    return;
                }
                append(chunk, n);
                received.flip();
                WebSocketFrames.Frame frame;
                while ((frame = WebSocketFrames.next(received)) != null) {
                    switch (frame.opcode()) {
                        case WebSocketFrames.PING ->
                            control(WebSocketFrames.frame(WebSocketFrames.PONG, frame.payload()));
                        case WebSocketFrames.CLOSE -> {
                            finish(WebSocketFrames.close(WebSocketFrames.NORMAL_CLOSURE));
                            return;
                        }
                        default -> {} // an event stream reads nothing from its client
                    }
                }
                received.compact();
            }
        }

        private void append(byte[] chunk, int n) {
            if (received.remaining() < n) {
                ByteBuffer larger = ByteBuffer.allocate(Math.max(received.capacity() * 2, received.position() + n));
                received.flip();
                larger.put(received);
                received = larger;
            }
            received.put(chunk, 0, n);
        }

        @Override
        public void onAllDataRead() {
            disconnect();
        }

        @Override
        public void onError(Throwable error) {
            log.debug("An event client's connection ended: {}", error.toString());
            disconnect();
        }
    }

    /** A control frame jumps no queue but is never dropped: a full buffer means the client is behind anyway. */
    private void control(byte[] frame) {
        deliver(frame);
    }

    /** Stops taking events, queues {@code last} behind what is waiting, then ends the connection. */
    private void finish(byte[] last) {
        if (ended.compareAndSet(false, true)) {
            hub.remove(this);
            if (!outbox.offer(last) || !outbox.offer(END)) {
                close();
            }
        }
    }

    /** Ends the connection now, dropping whatever is queued. */
    private void disconnect() {
        ended.set(true);
        hub.remove(this);
        outbox.clear();
        outbox.offer(END);
        close();
    }

    private void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (Exception e) {
            log.debug("Closing an event client: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        ended.set(true);
        hub.remove(this);
        outbox.clear();
        outbox.offer(END);
    }
}
