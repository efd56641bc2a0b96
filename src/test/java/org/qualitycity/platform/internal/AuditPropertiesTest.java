package org.qualitycity.platform.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditPropertiesTest {

    @Test
    void retentionIsAtLeast180Days() {
        assertThatThrownBy(() -> new AuditProperties(179, null, null, null, null))
                .hasMessageContaining("at least 180");
        assertThat(new AuditProperties(180, null, null, null, null).retentionDays()).isEqualTo(180);
        assertThat(new AuditProperties(null, null, null, null, null).retentionDays()).isEqualTo(365);
    }
}
