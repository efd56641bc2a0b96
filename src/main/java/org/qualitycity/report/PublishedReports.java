package org.qualitycity.report;

import java.time.Instant;
import java.util.List;

/** Published reports for other modules (the public portal lists them); each is downloadable without login. */
public interface PublishedReports {

    /**
     * A published document.
     *
     * @param kind        WHITE_PAPER or ANALYSIS
     * @param sector      PRODUCT, ENGINEERING or SERVICE for an analysis, else null
     * @param period      the year ({@code 2025}) or quarter ({@code 2025Q2})
     * @param downloadUrl where anyone downloads the .docx
     */
    record Published(long id, String kind, String sector, String period, String titleZh, String titleEn,
                     Instant publishedAt, String downloadUrl) {
    }

    /** Published documents, newest first. */
    List<Published> published();
}
