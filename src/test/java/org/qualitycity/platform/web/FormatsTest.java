package org.qualitycity.platform.web;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.springframework.context.support.StaticMessageSource;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one formatting helper of pages ({@code #qc}): the same forms in either language (issue 12). */
class FormatsTest {

    static final Unit TONGCHENG = new Unit(7, "421222", "通城县", "Tongcheng County", Unit.Kind.DISTRICT, 1L, "421200",
            "/1/7/", 1, 5, true, Set.of());

    final AtomicInteger lookups = new AtomicInteger();

    Units units() {
        return (Units) Proxy.newProxyInstance(Units.class.getClassLoader(), new Class<?>[]{Units.class}, (p, m, a) -> {
            if (m.getName().equals("byCode")) {
                lookups.incrementAndGet();
                return "421222".equals(a[0]) ? Optional.of(TONGCHENG) : Optional.empty();
            }
            throw new UnsupportedOperationException(m.getName());
        });
    }

    Formats zh() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("audit.action.APPROVE", Locale.SIMPLIFIED_CHINESE, "审核通过");
        return new Formats(Locale.SIMPLIFIED_CHINESE, units(), messages);
    }

    Formats en() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("audit.action.APPROVE", Locale.ENGLISH, "Approved");
        return new Formats(Locale.ENGLISH, units(), messages);
    }

    @Test
    void datesAreIsoInEitherLanguage() {
        LocalDate d = LocalDate.of(2020, 12, 15);
        assertThat(zh().date(d)).isEqualTo("2020-12-15");
        assertThat(en().date(d)).isEqualTo("2020-12-15").doesNotContain("/");
        assertThat(en().dateTime(LocalDateTime.of(2020, 12, 15, 8, 30, 5))).isEqualTo("2020-12-15 08:30");
        assertThat(en().dateTime(d)).isEqualTo("2020-12-15");
        assertThat(en().date(null)).isNull();
        // an instant is shown on the platform's day, whatever the JVM's zone
        Instant i = LocalDateTime.of(2020, 12, 15, 12, 0).atZone(org.qualitycity.platform.ApplicationZone.ZONE).toInstant();
        assertThat(en().date(i)).isEqualTo("2020-12-15");
        assertThatThrownBy(() -> en().date("2020-12-15")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersWithoutTrailingZerosOrGrouping() {
        assertThat(en().num(new BigDecimal("3.000000"))).isEqualTo("3");
        assertThat(zh().num(new BigDecimal("2.50"))).isEqualTo("2.5");
        assertThat(en().num(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(en().num(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(en().num(new BigDecimal("-12.3400"))).isEqualTo("-12.34");
        assertThat(en().num(1234567)).isEqualTo("1234567");
        assertThat(en().num(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(en().num(2.0d)).isEqualTo("2");
        assertThat(en().num("3.000000")).isEqualTo("3");
        assertThat(en().num("n/a")).isEqualTo("n/a");
        assertThat(en().num(null)).isNull();
    }

    @Test
    void yearsAreNotGrouped() {
        assertThat(en().year(2018)).isEqualTo("2018");
        assertThat(zh().year(2018L)).isEqualTo("2018");
        assertThat(zh().year(null)).isNull();
    }

    @Test
    void unitsByTheirNameInThePagesLanguageLookedUpOncePerPage() {
        Formats zh = zh();
        assertThat(zh.unit("421222")).isEqualTo("通城县");
        assertThat(zh.unit("421222")).isEqualTo("通城县");
        assertThat(lookups).hasValue(1);
        assertThat(en().unit("421222")).isEqualTo("Tongcheng County");
        assertThat(en().unit("NO-SUCH")).isEqualTo("NO-SUCH");
        assertThat(en().unit(null)).isNull();
    }

    @Test
    void namesAndLabelsInThePagesLanguage() {
        assertThat(en().name("通城县", "Tongcheng County")).isEqualTo("Tongcheng County");
        assertThat(zh().name("通城县", "Tongcheng County")).isEqualTo("通城县");
        assertThat(en().name("通城县", null)).isEqualTo("通城县");
        assertThat(en().en()).isTrue();
        assertThat(zh().en()).isFalse();
        assertThat(zh().label("audit.action.", "APPROVE")).isEqualTo("审核通过");
        assertThat(en().label("audit.action.", "APPROVE")).isEqualTo("Approved");
        // a code without a label is at least words, never the raw constant
        assertThat(en().label("audit.action.", "DEADLINE_RECALCULATED")).isEqualTo("deadline recalculated");
        assertThat(en().label("audit.action.", null)).isNull();
    }
}
