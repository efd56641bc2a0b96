package org.qualitycity.platform.internal;

import org.qualitycity.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The city as data: fills the empty unit register from the unit tree file of {@code qc.city.units}
 * ({@code QC_CITY_UNITS}; default the bundled Xianning tree {@code plans/xianning-units.yaml}) on the first start. It
 * runs before everything that reads units: the plan (whose file names lead units by code), the complaint dispatch
 * defaults, the tasks and the demo data. A register that holds units is left alone; change it in the unit pages or
 * by importing a tree file ({@code PUT /api/v1/units/tree}).
 */
@Component
@Order(-20)
class UnitTreeLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UnitTreeLoader.class);

    private final UnitService units;
    private final Resource file;

    UnitTreeLoader(UnitService units, @Value("${qc.city.units}") Resource file) {
        this.units = units;
        this.file = file;
    }

    @Override
    public void run(ApplicationArguments args) {
        UnitTreeFile tree;
        try (InputStream in = file.getInputStream()) {
            tree = UnitTreeFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the unit tree file " + file + " (qc.city.units)", e);
        } catch (ValidationException e) {
            throw new IllegalStateException("The unit tree file " + file + " is invalid: " + e.problems(), e);
        }
        int n = units.loadIfEmpty(tree);
        if (n > 0) {
            log.info("Loaded {} units of {} ({}) from {}", n, tree.city().nameEn(), tree.city().code(), file);
        }
    }
}
