package org.qualitycity.enterprise.internal;

import org.qualitycity.indicator.ComputedDataChanged;
import org.qualitycity.platform.DemoDataContributor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Demo products (issue 14): the demo enterprises declare the categories their industry makes (cement, hazardous
 * chemicals, household appliances under CCC, textiles, plastics), hold licences or certificates for the catalogue
 * categories — some lapsed on 30 June 2019 and renewed in March 2020, a few lapsed and never renewed — and declare
 * standards for most categories, so that P6 and P8 can be tried at once. Demo records only (absent with QC_DEMO=false).
 */
@Component
class ProductDemoData implements DemoDataContributor {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProductDemoData(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 255;
    }

    @Override
    public void generate(Random random) {
        int offset = random.nextInt(7);
        jdbc.sql("""
                        INSERT INTO enterprise_product (enterprise_id, category_code, since, demo)
                        SELECT id, CASE WHEN industry LIKE 'C30%' THEN 'PL-CEMENT' WHEN industry = 'C2625' THEN 'PL-HAZCHEM'
                                        WHEN industry LIKE 'C38%' THEN 'CCC-HOUSEHOLD' WHEN industry LIKE 'C17%' THEN 'GEN-TEXTILE'
                                        ELSE 'GEN-PLASTIC' END,
                               DATE '2017-01-01' + ((id * 37 + :offset) % 900)::int, true
                        FROM enterprise
                        WHERE demo AND (industry LIKE 'C30%' OR industry = 'C2625' OR industry LIKE 'C38%'
                                        OR industry LIKE 'C17%' OR industry = 'C2682')
                        """)
                .param("offset", offset).update();
        // licences and certificates of the catalogue categories: five years each, renewed on time, except that every
        // ninth lapsed on 2019-06-30 and was renewed on 2020-03-01, and every thirteenth lapsed and was not renewed
        jdbc.sql("""
                        INSERT INTO enterprise_licence (enterprise_id, kind, number, product_scope, valid_from, valid_to,
                                                        category_code)
                        SELECT p.enterprise_id, CASE WHEN p.category_code LIKE 'CCC-%' THEN 'CCC' ELSE 'PRODUCTION_LICENCE' END,
                               CASE WHEN p.category_code LIKE 'CCC-%' THEN '2016' || lpad((p.enterprise_id * 7919 % 1000000000)::text, 10, '0')
                                    ELSE 'XK' || lpad((p.enterprise_id % 100)::text, 2, '0') || '-' || lpad(p.enterprise_id::text, 6, '0') END,
                               c.name_zh, v.valid_from, v.valid_to, p.category_code
                        FROM enterprise_product p JOIN enterprise_product_category c ON c.code = p.category_code
                        CROSS JOIN LATERAL (VALUES
                            (p.since, CASE WHEN p.enterprise_id % 9 = 0 OR p.enterprise_id % 13 = 0 THEN DATE '2019-06-30'
                                           ELSE p.since + 1826 END),
                            (CASE WHEN p.enterprise_id % 9 = 0 THEN DATE '2020-03-01' ELSE p.since + 1827 END,
                             CASE WHEN p.enterprise_id % 9 = 0 THEN DATE '2025-02-28' ELSE p.since + 3653 END),
                            (p.since + 3654, p.since + 5480)) AS v (valid_from, valid_to)
                        WHERE p.demo AND p.category_code NOT LIKE 'GEN-%'
                          AND NOT (p.enterprise_id % 13 = 0 AND p.enterprise_id % 9 <> 0 AND v.valid_from > DATE '2019-06-30')
                          AND v.valid_from <= v.valid_to AND v.valid_from < CURRENT_DATE + 365
                        """)
                .update();
        // standards for the categories, except every tenth enterprise (production without a standard, P8)
        jdbc.sql("""
                        INSERT INTO enterprise_standard (enterprise_id, product, kind, standard_no, declared_on, category_code)
                        SELECT p.enterprise_id, c.name_zh, CASE WHEN p.enterprise_id % 3 = 0 THEN 'ENTERPRISE' ELSE 'NATIONAL' END,
                               CASE WHEN p.enterprise_id % 3 = 0 THEN 'Q/XN ' || lpad(p.enterprise_id::text, 4, '0') || '-2016'
                                    ELSE 'GB ' || (4000 + p.enterprise_id % 900)::text END,
                               p.since + (p.enterprise_id % 60)::int, p.category_code
                        FROM enterprise_product p JOIN enterprise_product_category c ON c.code = p.category_code
                        WHERE p.demo AND p.enterprise_id % 10 <> 0
                        """)
                .update();
        Set<Integer> years = new TreeSet<>();
        for (int y = 2017; y <= LocalDate.now(clock).getYear(); y++) {
            years.add(y);
        }
        events.publishEvent(new ComputedDataChanged(Set.of(ProductCatalogue.P6_COVERED, ProductCatalogue.P6_REQUIRED,
                ProductCatalogue.P8), years));
    }
}
