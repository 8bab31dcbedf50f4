package cn.servicecircle.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP/1.1 over a plain socket to the test server on 127.0.0.1, for requests no HTTP client would send (bad
 * bytes, huge lines, slow or unfinished requests). Reads one response: status line, headers, Content-Length body.
 */
public final class RawHttp {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Longest a test waits for any answer. */
    public static final int READ_TIMEOUT_MILLIS = 15_000;

    private RawHttp() {
    }

    /**
     * One response.
     *
     * @param headers header names in lower case
     */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the body as JSON; fails the test when it is not */
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** Fails unless api-spec/openapi.yaml documents this answer for the operation (status, type, schema). */
        public Reply assertDocumented(String method, String path) {
            String type = header("Content-Type");
            OpenApiContract.validate(method, path, status, type == null ? null : MediaType.parseMediaType(type),
                    body.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asText();
        }
    }

    /** A socket to the test server with the read timeout set. */
    public static Socket connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the bytes on a new connection and reads the answer. */
    public static Reply exchange(int port, byte[] request) {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the text (ISO-8859-1, so each char is one byte) on a new connection and reads the answer. */
    public static Reply exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads one response; fails when the connection ends before a complete one arrived. */
    public static Reply read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection ended after " + body.length + " of " + length + " body bytes");
        }
        return new Reply(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection ended before a response head; got: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
