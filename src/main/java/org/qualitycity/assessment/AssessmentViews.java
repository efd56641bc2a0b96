package org.qualitycity.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The records of the assessment API. */
public final class AssessmentViews {

    private AssessmentViews() {
    }

    public record SchemeItem(String code, String categoryZh, String categoryEn, String nameZh, String nameEn,
                             String kind, BigDecimal maxPoints, BigDecimal perItem, int sortOrder) {
    }

    public record Scheme(long id, int year, String target, int version, String note, Instant createdAt,
                         List<SchemeItem> items) {
        public BigDecimal maxTotal() {
            return items.stream().filter(i -> !"DEDUCTION".equals(i.kind())).map(SchemeItem::maxPoints)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public record Line(int lineNo, String code, String category, String label, BigDecimal maxPoints,
                       BigDecimal points, String detail) {
    }

    /**
     * A unit's result. {@code rank} is null when no scored item applied to the unit (it is not ranked); equal totals
     * share a rank ({@code tied}), and the next rank skips (1, 1, 3). {@code rankNote} says so in the reader's
     * language (in English "tied" or "not ranked"), else it is empty.
     */
    public record Score(String unitCode, String unitName, String unitNameEn, String target, BigDecimal total,
                        Integer rank, boolean tied, String rankNote, List<Line> lines) {

        /** The rank as printed: "3", "3 tied" (in the reader's language), or the note alone when not ranked. */
        public String rankText() {
            if (rank == null) {
                return rankNote;
            }
            return tied ? rank + " " + rankNote : String.valueOf(rank);
        }
    }

    public record Objection(long id, String unitCode, String text, String by, Instant createdAt, String reply) {
    }

    public record Assessment(int year, String state, Long areaSchemeId, Long deptSchemeId, Instant computedAt,
                             LocalDate objectionUntil, Instant publishedAt, List<Score> districts,
                             List<Score> departments, List<Objection> objections) {
    }
}
