package dev.patkit.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitLab's timestamp fast path agrees with {@link OffsetDateTime#parse} and defers other shapes. */
class GitLabJsonTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:20:30.123Z", "2024-01-15T10:20:30Z", "2024-02-29T23:59:59.999999Z",
            "1999-12-31T00:00:00.1Z", "2026-11-22T20:01:25.123456789Z"})
    void utcShapes_matchTheFormatter(String text) {
        assertThat(GitLabJsonFields.utcInstant(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:20:30.123+08:00", "2024-01-15", "2024-01-15T10:20:30.Z",
            "2024-01-15T10:20:30,123Z", "20x4-01-15T10:20:30Z", "2024-01-15T10:20:30.1234567890Z"})
    void otherShapes_areLeftToTheFormatter(String text) {
        assertThat(GitLabJsonFields.utcInstant(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:20:30Z", "2024-13-01T10:20:30Z", "2024-01-15T24:00:00Z",
            "2024-01-15T10:60:30Z"})
    void outOfRangeFields_areRejected(String text) {
        assertThatThrownBy(() -> GitLabJsonFields.utcInstant(text)).isInstanceOf(DateTimeException.class);
    }
}
