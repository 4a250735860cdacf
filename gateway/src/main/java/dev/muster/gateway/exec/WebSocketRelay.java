package dev.muster.gateway.exec;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's websocket to an exec operation, once upgraded: bytes relayed both ways between the client and the
 * member's bridge, frames untouched (the client's masked frames reach the daemon as sent; the daemon's reach the
 * client as sent). When either side ends, both are closed.
 */
public final class WebSocketRelay implements HttpUpgradeHandler {

    private static final Logger log = LoggerFactory.getLogger(WebSocketRelay.class);

    private Socket member;
    private WebConnection client;

    /** Made by the servlet container on upgrade; {@link #attach} gives it the member's side. */
    public WebSocketRelay() {}

    void attach(Socket member) {
        this.member = member;
    }

    @Override
    public void init(WebConnection connection) {
        this.client = connection;
        try {
            ServletInputStream in = connection.getInputStream();
            ServletOutputStream out = connection.getOutputStream();
            Thread.ofVirtual().name("exec-websocket-out").start(() -> toClient(out));
            in.setReadListener(new FromClient(in, member.getOutputStream()));
        } catch (IOException e) {
            log.debug("An exec websocket ended before it was relayed: {}", e.getMessage());
            end();
        }
    }

    private void toClient(ServletOutputStream out) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = member.getInputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            log.debug("The member's side of an exec websocket ended: {}", e.getMessage());
        } finally {
            end();
        }
    }

    private final class FromClient implements ReadListener {
        private final ServletInputStream in;
        private final OutputStream toMember;
        private final byte[] buffer = new byte[64 * 1024];

        FromClient(ServletInputStream in, OutputStream toMember) {
            this.in = in;
            this.toMember = toMember;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (in.isReady()) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                toMember.write(buffer, 0, read);
            }
            toMember.flush();
        }

        @Override
        public void onAllDataRead() {
            try {
                member.shutdownOutput();
            } catch (IOException e) {
                end();
            }
        }

        @Override
        public void onError(Throwable error) {
            end();
        }
    }

    private synchronized void end() {
        try {
            member.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (client != null) {
                client.close();
            }
        } catch (Exception e) {
            // already gone
        }
    }

    @Override
    public void destroy() {
        end();
    }
}
