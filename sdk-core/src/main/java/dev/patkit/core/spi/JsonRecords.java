package dev.patkit.core.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Records read straight from a response's bytes, for providers that bind each record field by
 * field with a {@link JsonParser} (no tree per page or per record): where a record starts and ends
 * in the body, and its fields as a map, read again from those bytes only if
 * {@link dev.patkit.core.Authorization#raw()} is asked for.
 */
public final class JsonRecords {

    private JsonRecords() {}

    /**
     * The byte offset where the parser's current token starts: call it on a record's
     * {@code START_OBJECT}.
     *
     * @param parser a parser over a byte array
     * @return the offset
     */
    public static int start(JsonParser parser) {
        return (int) parser.currentTokenLocation().getByteOffset();
    }

    /**
     * The byte offset just after what the parser has read: call it on a record's {@code END_OBJECT}.
     *
     * @param parser a parser over a byte array
     * @return the offset
     */
    public static int end(JsonParser parser) {
        return (int) parser.currentLocation().getByteOffset();
    }

    /**
     * A record's fields, read from its own bytes on first use, in the order the server sent them.
     *
     * @param mapper the mapper (its read limits apply)
     * @param body the response body
     * @param start where the record starts ({@link #start})
     * @param end where it ends ({@link #end})
     * @return the fields, read when asked for
     */
    public static Supplier<Map<String, Object>> fields(ObjectMapper mapper, byte[] body, int start, int end) {
        return () -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = mapper.readValue(body, start, end - start, LinkedHashMap.class);
                return map;
            } catch (IOException e) {
                // Unreachable: these bytes were parsed once already. Not attached: it may quote a value.
                throw new IllegalStateException("A record could not be read again (" + e.getClass().getSimpleName() + ")");
            }
        };
    }
}
