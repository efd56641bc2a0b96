package org.qualitycity.indicator.internal;

import org.qualitycity.indicator.Period;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.ListQuery;
import org.qualitycity.platform.PageResult;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Unit;
import org.qualitycity.platform.Units;
import org.qualitycity.plan.DataElement;
import org.qualitycity.plan.IndicatorDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review list (数据审核) of the city quality office: values filtered by unit, period, indicator and status,
 * each with the indicator's resulting rate (when its numerator and denominator are both stored for the unit and
 * period), the same element's value of the unit's previous period, and outlier marks.
 *
 * <p>An outlier (a warning for the reviewer, never a refusal) is, simply:
 * <ul>
 *   <li>{@code RATE}: a counted rate (the indicator's factor is 100) above 100 %;</li>
 *   <li>{@code CHANGE}: the value differs from the previous period's by more than the factor
 *       {@code qc.indicator.review.change-factor} (default 2: more than double or less than half; from 0 to
 *       anything else counts);</li>
 *   <li>the stored flag of data entry (far from the unit's recent mean) is shown beside them as before.</li>
 * </ul>
 */
@Service
public class ValueReview {

    /** The filters of the review page; blank means any. */
    /**
     * @param period a period's identifier, or null
     * @param year   any period of this year (when no period is given), or null
     */
    public record Filter(String unitCode, String period, String year, String indicator, String status) {
    }

    /** One row of the review list; the outlier marks in the request's language. */
    public record ReviewRow(ValueService.ValueView value, IndicatorDefinition indicator, DataElement element,
                            Unit unit, BigDecimal rate, String previousPeriod, BigDecimal previous,
                            List<String> outliers) {

        /** The key the review form posts ({@code element|unitCode|period}). */
        public String key() {
            return value.element() + "|" + value.unitCode() + "|" + value.period();
        }

        public boolean outlier() {
            return !outliers.isEmpty();
        }

        public boolean percent() {
            return indicator != null && "PERCENT".equals(indicator.unit());
        }
    }

    private final ValueRepository repo;
    private final ValueService values;
    private final IndicatorCatalog catalog;
    private final Units units;
    private final BigDecimal changeFactor;

    ValueReview(ValueRepository repo, ValueService values, IndicatorCatalog catalog, Units units,
                @Value("${qc.indicator.review.change-factor:2}") BigDecimal changeFactor) {
        this.repo = repo;
        this.values = values;
        this.catalog = catalog;
        this.units = units;
        this.changeFactor = changeFactor;
    }

    public BigDecimal changeFactor() {
        return changeFactor;
    }

    /** One page of the review list in the user's scope. */
    @Transactional(readOnly = true)
    public PageResult<ReviewRow> page(CurrentUser user, Filter f, ListQuery q) {
        var page = repo.review(user.scope(), values.responsibleElements(user), elements(f.indicator()),
                unitId(f.unitCode()), blank(f.period()), blank(f.year()), blank(f.status()), q);
        return new PageResult<>(enrich(page.items()), page.page(), page.size(), page.total());
    }

    /** The whole filtered list in the user's scope (the export), at most {@link ListQuery#EXPORT_LIMIT} rows. */
    @Transactional(readOnly = true)
    public List<ReviewRow> all(CurrentUser user, Filter f) {
        return enrich(repo.reviewAll(user.scope(), values.responsibleElements(user), elements(f.indicator()),
                unitId(f.unitCode()), blank(f.period()), blank(f.year()), blank(f.status()), ListQuery.EXPORT_LIMIT));
    }

    private List<String> elements(String indicator) {
        if (blank(indicator) == null) {
            return null;
        }
        return catalog.indicator(indicator.strip()).map(d -> d.elements().stream().map(DataElement::code).toList())
                .orElse(List.of("-"));
    }

    private Long unitId(String unitCode) {
        return blank(unitCode) == null ? null : units.byCode(unitCode.strip()).map(Unit::id).orElse(-1L);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private List<ReviewRow> enrich(List<ValueRepository.Row> rows) {
        var byElement = catalog.indicatorByElement();
        Set<String> elements = new HashSet<>();
        Set<Long> unitIds = new HashSet<>();
        Set<String> periods = new HashSet<>();
        Set<String> previousPeriods = new HashSet<>();
        for (var r : rows) {
            IndicatorDefinition d = byElement.get(r.element());
            elements.add(r.element());
            if (d != null && d.isRatio()) {
                elements.add(d.numerator().code());
                elements.add(d.denominator().code());
            }
            unitIds.add(r.unitId());
            periods.add(r.period());
            previousPeriods.add(previous(r.period()));
        }
        Map<String, BigDecimal> current = repo.values(elements, unitIds, periods);
        Map<String, BigDecimal> before = repo.values(elements, unitIds, previousPeriods);
        List<ReviewRow> out = new ArrayList<>();
        for (var r : rows) {
            IndicatorDefinition d = byElement.get(r.element());
            DataElement element = d == null ? null
                    : d.elements().stream().filter(e -> e.code().equals(r.element())).findFirst().orElse(null);
            BigDecimal rate = null;
            if (d != null && d.isRatio()) {
                BigDecimal num = current.get(d.numerator().code() + "|" + r.unitId() + "|" + r.period());
                BigDecimal den = current.get(d.denominator().code() + "|" + r.unitId() + "|" + r.period());
                if (num != null && den != null && den.signum() != 0) {
                    BigDecimal factor = d.factor() == null ? BigDecimal.ONE : d.factor();
                    rate = num.multiply(factor).divide(den, Math.max(2, d.decimals()), RoundingMode.HALF_UP);
                }
            }
            String previousPeriod = previous(r.period());
            BigDecimal previous = before.get(r.element() + "|" + r.unitId() + "|" + previousPeriod);
            List<String> outliers = new ArrayList<>();
            if (rate != null && d.factor() != null && d.factor().compareTo(BigDecimal.valueOf(100)) == 0
                    && rate.compareTo(BigDecimal.valueOf(100)) > 0) {
                outliers.add(Texts.msg("indicator.review.outlier.rate", rate.stripTrailingZeros().toPlainString()));
            }
            if (changedTooMuch(r.value(), previous)) {
                outliers.add(Texts.msg("indicator.review.outlier.change", previousPeriod,
                        previous.stripTrailingZeros().toPlainString(), changeFactor.stripTrailingZeros().toPlainString()));
            }
            Unit unit = units.byId(r.unitId()).orElse(null);
            out.add(new ReviewRow(values.view(r, byElement), d, element, unit, rate, previousPeriod, previous, outliers));
        }
        return out;
    }

    /** Whether {@code value} is more than {@code changeFactor} times, or less than 1/{@code changeFactor} of, {@code previous}. */
    boolean changedTooMuch(BigDecimal value, BigDecimal previous) {
        if (value == null || previous == null) {
            return false;
        }
        if (previous.signum() == 0) {
            return value.signum() != 0;
        }
        return value.compareTo(previous.multiply(changeFactor)) > 0
                || value.multiply(changeFactor).compareTo(previous) < 0;
    }

    private static String previous(String period) {
        try {
            return Period.parse(period).previous().id();
        } catch (IllegalArgumentException e) {
            return period;
        }
    }
}
