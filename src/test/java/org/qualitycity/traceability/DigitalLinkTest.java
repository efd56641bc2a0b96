package org.qualitycity.traceability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Acceptance 1: GS1 Digital Link paths (padding, check digit, qualifier order, percent-encoding). */
class DigitalLinkTest {

    @Test
    void gtin13AndALotWithASlashEncodeAndParseBack() {
        DigitalLink link = DigitalLink.ofLot("6901234567892", "B24/05");
        assertThat(link.path()).isEqualTo("/01/06901234567892/10/B24%2F05");
        assertThat(link.uri("https://qc.example.org/")).isEqualTo("https://qc.example.org/01/06901234567892/10/B24%2F05");
        DigitalLink back = DigitalLink.parse("https://qc.example.org/01/06901234567892/10/B24%2F05?linkType=all").orElseThrow();
        assertThat(back.gtin()).isEqualTo("06901234567892");
        assertThat(back.lot()).isEqualTo("B24/05");
        assertThat(back).isEqualTo(link);
    }

    @Test
    void shorterGtinsArePaddedAndTheCheckDigitIsValidated() {
        assertThat(DigitalLink.ofLot("96385074", "L1").path()).isEqualTo("/01/00000096385074/10/L1");
        assertThat(DigitalLink.ofLot("036000291452", "L1").path()).isEqualTo("/01/00036000291452/10/L1");
        assertThatThrownBy(() -> DigitalLink.ofLot("6901234567891", "L1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigitalLink.ofLot("690123456789", "L1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DigitalLink.isValidGtin("6901234567892")).isTrue();
    }

    @Test
    void qualifiersFollowTheStandardOrderAndValuesTheCharacterSet() {
        DigitalLink full = new DigitalLink("6901234567892", "2A", "B(1)", "S&1");
        assertThat(full.path()).isEqualTo("/01/06901234567892/22/2A/10/B%281%29/21/S%261");
        assertThat(DigitalLink.parse(full.path())).contains(full);
        assertThat(DigitalLink.parse("/01/06901234567892/21/S1/10/B1")).as("serial before lot").isEmpty();
        assertThat(DigitalLink.parse("/01/06901234567892/10/B1/10/B2")).as("lot twice").isEmpty();
        assertThat(DigitalLink.parse("/01/06901234567892/10/%ZZ")).isEmpty();
        assertThatThrownBy(() -> DigitalLink.ofLot("6901234567892", "批次1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigitalLink.ofLot("6901234567892", "123456789012345678901"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
