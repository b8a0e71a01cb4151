package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ExpiryTest extends GitLabTestSupport {

    private Authorization inspectAt(Instant now, String json) {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(json)));
        forge.clock().set(now);
        return client.inspect();
    }

    @Test
    void expiresAt2026_01_01_isAliveAtLastSecondOf2025_andDeadAtMidnightUtc() {
        Authorization before = inspectAt(Instant.parse("2025-12-31T23:59:59Z"), fixture("pat-self.json"));
        Clock beforeClock = Clock.fixed(Instant.parse("2025-12-31T23:59:59Z"), ZoneId.of("UTC"));
        Authorization at = inspectAt(Instant.parse("2026-01-01T00:00:00Z"), fixture("pat-self.json"));

        assertThat(before.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(before.isActive(beforeClock)).isTrue();
        assertThat(before.expiresWithin(Duration.ZERO, beforeClock)).isFalse();
        assertThat(before.expiresWithin(Duration.ofSeconds(1), beforeClock)).isTrue();
        assertThat(at.isActive(forge.clock())).isFalse();
        assertThat(at.expiresWithin(Duration.ZERO, forge.clock())).isTrue();
    }

    @Test
    void expiryDateIsReadAsUtcWhateverTheClockZone() {
        Instant now = Instant.parse("2025-12-31T23:30:00Z");
        Authorization a = inspectAt(now, fixture("pat-self.json"));

        // 07:30 on 1 January in Shanghai, but still 2025 in UTC: alive.
        assertThat(a.isActive(Clock.fixed(now, ZoneId.of("Asia/Shanghai")))).isTrue();
        assertThat(a.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void status_revokedWins_inactiveNotRevokedIsExpired_activeIsActive() {
        String base = fixture("pat-self.json");
        assertThat(inspectAt(NOW, base).status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(inspectAt(NOW, base.replace("\"revoked\": false", "\"revoked\": true")
                .replace("\"active\": true", "\"active\": false")).status()).isEqualTo(AuthorizationStatus.REVOKED);
        assertThat(inspectAt(NOW, base.replace("\"active\": true", "\"active\": false")).status())
                .isEqualTo(AuthorizationStatus.EXPIRED);
    }

    @Test
    void status_withoutActiveField_followsTheExpiryDate_byTheClientsClock() {
        String noActive = fixture("pat-self.json").replace("\"active\": true,", "");
        assertThat(inspectAt(Instant.parse("2025-12-31T23:59:59Z"), noActive).status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(inspectAt(Instant.parse("2026-01-01T00:00:00Z"), noActive).status()).isEqualTo(AuthorizationStatus.EXPIRED);
    }
}
