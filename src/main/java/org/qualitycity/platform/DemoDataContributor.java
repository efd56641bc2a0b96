package org.qualitycity.platform;

import java.util.Random;

/**
 * A module's part of the demo data set. On the first start with demo data enabled, all contributors
 * run in {@link #order()} inside one transaction with one seeded {@link Random}, so the data set is
 * deterministic. Everything generated must be realistic but is labelled demo (the UI shows a badge).
 */
public interface DemoDataContributor {

    /** Lower runs first; platform users are 100, plan 200, indicators 300, operational modules 400+. */
    int order();

    void generate(Random random);
}
