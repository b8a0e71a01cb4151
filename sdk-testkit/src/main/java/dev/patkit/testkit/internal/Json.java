package dev.patkit.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/** JSON helpers shared by the fakes. Stateless and thread-safe. */
public final class Json {

    /** The mapper the fakes read and write with (Jackson's own, not WireMock's shaded copy). */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {}

    /** @return a new object node */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** @param values strings @return an array node of them */
    public static ArrayNode array(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** @param t an instant, or null @return {@code 2020-07-23T14:31:47.729Z}, or null */
    public static String millis(Instant t) {
        return t == null ? null : MILLIS.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
