package dev.muster.lxd.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies as LXD does: always as JSON, whatever {@code Content-Type} says (so {@code curl -d}
 * works), and never more than {@code muster.api.max-body-size} bytes (413 beyond).
 */
public final class LxdRequestFilter extends OncePerRequestFilter {

    private final long maxBodySize;
    private final Set<String> uploadPaths;
    private final JsonMapper json = JsonMapper.builder().build();

    public LxdRequestFilter(long maxBodySize) {
        this(maxBodySize, Set.of());
    }

    /**
     * @param uploadPaths paths whose POST bodies are uploads (e.g. an image tarball): passed on untouched, for the
     *     controller to stream and limit itself
     */
    public LxdRequestFilter(long maxBodySize, Set<String> uploadPaths) {
        this.maxBodySize = maxBodySize;
        this.uploadPaths = Set.copyOf(uploadPaths);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && uploadPaths.contains(request.getRequestURI())
                && !MediaType.APPLICATION_JSON_VALUE.equals(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBodySize) {
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream()
                    .write(json.writeValueAsBytes(
                            LxdResponse.error(413, new RequestBodyTooLarge(maxBodySize).getMessage())));
            return;
        }
        chain.doFilter(new JsonBody(request, maxBodySize), response);
    }

    private static final class JsonBody extends HttpServletRequestWrapper {
        private final long limit;

        JsonBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_JSON_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-type".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getContentType()))
                    : super.getHeaders(name);
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > limit) {
                        throw new RequestBodyTooLarge(limit);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > limit) {
                        throw new RequestBodyTooLarge(limit);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
