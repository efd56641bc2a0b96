package org.qualitycity.environment.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The water quality class of GB 3838-2002 (地表水环境质量标准) for one section and period: each monitored
 * parameter's class is the best class whose limit of Table 1 (basic items) it meets, values worse than class V
 * are 劣V (6), and the section's class is the worst of its parameters (single-factor evaluation, 单因子评价法).
 * The limits are data: {@code environment/gb3838-2002.csv} (parameter code, direction, limits of classes I–V).
 * Drinking-water sources (集中式生活饮用水地表水源地) comply when their class is III or better (§4.2).
 * Framework-free.
 */
public final class WaterClass {

    /** Class 6 stands for 劣V (worse than class V). */
    public static final int WORSE_THAN_V = 6;

    /** Class III: the plan's target of surface water and the bar of drinking-water sources. */
    public static final int III = 3;

    private final Map<String, Limit> limits;

    WaterClass(Map<String, Limit> limits) {
        this.limits = limits;
    }

    /** The bundled table of GB 3838-2002 Table 1. */
    public static WaterClass gb3838() {
        try (InputStream in = WaterClass.class.getResourceAsStream("/environment/gb3838-2002.csv")) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WaterClass parse(InputStream in) throws IOException {
        Map<String, Limit> limits = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            double[] l = new double[5];
            for (int i = 0; i < 5; i++) {
                l[i] = Double.parseDouble(f[2 + i]);
            }
            limits.put(f[0], new Limit(f[0], Direction.valueOf(f[1]), l));
        }
        return new WaterClass(limits);
    }

    /** Whether the table has limits for a parameter (metric code, e.g. w21003; lakes' TP as w21011@LAKE). */
    public boolean knows(String parameter) {
        return limits.containsKey(parameter);
    }

    /** The class (1–6) of one parameter's value. */
    public int classOf(String parameter, double value) {
        Limit limit = limits.get(parameter);
        if (limit == null) {
            throw new IllegalArgumentException("parameter");
        }
        return limit.classOf(value);
    }

    /**
     * The class of a section from its parameters' values of the period (e.g. monthly means); parameters the
     * table does not know are ignored; null without any known parameter.
     */
    public Result classify(Map<String, Double> values) {
        int worst = 0;
        Map<String, Integer> each = new LinkedHashMap<>();
        for (var e : values.entrySet()) {
            if (!knows(e.getKey()) || e.getValue() == null || e.getValue().isNaN()) {
                continue;
            }
            int c = classOf(e.getKey(), e.getValue());
            each.put(e.getKey(), c);
            worst = Math.max(worst, c);
        }
        if (each.isEmpty()) {
            return null;
        }
        int w = worst;
        return new Result(w, each.entrySet().stream().filter(x -> x.getValue() == w).map(Map.Entry::getKey).toList(), each);
    }

    /** The section's class, the parameters that decided it and every parameter's class. */
    public record Result(int waterClass, java.util.List<String> deciding, Map<String, Integer> perParameter) {

        /** Class III or better. */
        public boolean atLeastIII() {
            return waterClass <= III;
        }
    }

    /** MAX: the value must not exceed the limit (≤); MIN: not fall below it (≥, dissolved oxygen); RANGE: pH. */
    enum Direction { MAX, MIN, RANGE }

    record Limit(String parameter, Direction direction, double[] limits) {

        int classOf(double v) {
            if (direction == Direction.RANGE) {
                // pH 6–9 for every class: the first two columns hold the range
                return v >= limits[0] && v <= limits[1] ? 1 : WORSE_THAN_V;
            }
            for (int i = 0; i < 5; i++) {
                if (direction == Direction.MAX ? v <= limits[i] : v >= limits[i]) {
                    return i + 1;
                }
            }
            return WORSE_THAN_V;
        }
    }
}
