package org.qualitycity.monitoring.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame codec of HJ 212-2017 against the standard's own example. */
class Hj212Test {

    /**
     * HJ 212-2017, section 6.3.2 (CRC check) gives this example: the frame
     * {@code ##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n},
     * whose CRC16 over the data segment is 1C80.
     */
    @Test
    void theCrcOfTheStandardsExampleIs1C80() {
        String segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;"
                + "CP=&&RtdInterval=30&&";
        assertThat(Hj212.crc16(segment.getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x1C80);
        assertThat(Hj212.frame(segment)).isEqualTo("##0101" + segment + "1C80\r\n");
    }

    @Test
    void dataUploadsGiveTheirValuesWithFlagsAndTheIntervalSuffixes() {
        var m = Hj212.parse("QN=20250101120000000;ST=22;CN=2011;PW=123456;MN=AQ01;Flag=5;CP=&&DataTime=20250101120000;"
                + "a34004-Rtd=35.2,a34004-Flag=N;a34002-Rtd=80,a34002-Flag=M;a21026-Rtd=x&&");
        assertThat(m.wantsAnswer()).isTrue();
        assertThat(Hj212.values(m)).containsExactly(new Hj212.Value("a34004", 35.2, "N"),
                new Hj212.Value("a34002", 80, "M"));
        var hour = Hj212.parse("QN=1;ST=22;CN=2061;PW=1;MN=AQ01;Flag=4;CP=&&DataTime=20250101120000;"
                + "a34004-Min=1,a34004-Avg=30,a34004-Max=50&&");
        assertThat(hour.wantsAnswer()).isFalse();
        assertThat(Hj212.values(hour)).isEqualTo(List.of(new Hj212.Value("a34004-hour", 30, "N")));
        assertThat(Hj212.dataResponse(m)).startsWith("##").contains("CN=9014").contains("QN=20250101120000000")
                .endsWith("\r\n");
    }
}
