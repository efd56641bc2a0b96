package org.qualitycity.elevator.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Periodic examination of an elevator under TSG T7001-2023 (电梯监督检验和定期检验规则): a periodic inspection
 * (定期检验) by the inspection body in years 1, 4, 7, 9, 11, 13 and 15 after first use and every year after the
 * 15th; in the other years the user unit has a self-check (自行检测) done. The due date of year n is the
 * anniversary of the first use date n years on. Maintenance (维护保养, TSG T5002) is due every 15 days.
 * Framework-free.
 */
public final class InspectionSchedule {

    /** Years after first use with a periodic inspection up to the 15th; every year from then on. */
    static final Set<Integer> INSPECTION_YEARS = Set.of(1, 4, 7, 9, 11, 13, 15);

    /** Days between maintenance visits. */
    public static final int MAINTENANCE_DAYS = 15;

    private InspectionSchedule() {
    }

    /** Periodic inspection or self-check. */
    public enum Kind { INSPECTION, SELF_CHECK }

    /** One yearly examination: its year after first use, kind and due date. */
    public record Due(int yearOfUse, Kind kind, LocalDate dueOn) {
    }

    /** The kind of the examination of the n-th year after first use (n ≥ 1). */
    public static Kind kindOf(int yearOfUse) {
        if (yearOfUse < 1) {
            throw new IllegalArgumentException("yearOfUse");
        }
        return yearOfUse > 15 || INSPECTION_YEARS.contains(yearOfUse) ? Kind.INSPECTION : Kind.SELF_CHECK;
    }

    /** Every examination due from {@code from} to {@code to} (inclusive) for an elevator first used on {@code firstUse}. */
    public static List<Due> between(LocalDate firstUse, LocalDate from, LocalDate to) {
        List<Due> out = new ArrayList<>();
        for (int n = 1; ; n++) {
            LocalDate due = firstUse.plusYears(n);
            if (due.isAfter(to)) {
                return out;
            }
            if (!due.isBefore(from)) {
                out.add(new Due(n, kindOf(n), due));
            }
        }
    }

    /** The next examination due on or after {@code day}. */
    public static Due next(LocalDate firstUse, LocalDate day) {
        int n = Math.max(1, day.getYear() - firstUse.getYear() - 1);
        while (firstUse.plusYears(n).isBefore(day)) {
            n++;
        }
        return new Due(n, kindOf(n), firstUse.plusYears(n));
    }

    /** The day the next maintenance is due after the last one (or after first use when there was none). */
    public static LocalDate maintenanceDue(LocalDate lastMaintenance) {
        return lastMaintenance.plusDays(MAINTENANCE_DAYS);
    }
}
