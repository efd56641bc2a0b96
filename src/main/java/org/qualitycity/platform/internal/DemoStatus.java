package org.qualitycity.platform.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether demo data is present (drives the badge on every page). */
@Component
public class DemoStatus {

    private final JdbcClient jdbc;
    private volatile boolean present;

    DemoStatus(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean present() {
        return present;
    }

    void refresh() {
        present = jdbc.sql("SELECT count(*) FROM platform_demo").query(Integer.class).single() > 0;
    }
}
