package org.qualitycity.report.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
class ReportRepository {

    /** A document without its bytes and snapshot. */
    record Row(long id, String kind, String sector, String period, int year, String lang, String status,
               int templateVersion, Long jobId, String texts, String sha256, long unitId, String createdByName,
               Instant createdAt, Instant updatedAt, String publishedByName, Instant publishedAt, Integer size) {
    }

    record TemplateRow(int version, String fileName, String sha256, String note, String uploadedByName,
                       Instant uploadedAt, int size) {
    }

    private static final String COLUMNS = """
            id, kind, sector, period, year, lang, status, template_version, job_id, texts, sha256, unit_id,
            created_by_name, created_at, updated_at, published_by_name, published_at, octet_length(bytes) AS size
            """;

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(String kind, String sector, String period, int year, String lang, int templateVersion, long unitId,
                long userId, String userName, Instant now) {
        return jdbc.sql("""
                        INSERT INTO report_document (kind, sector, period, year, lang, status, template_version, unit_id,
                            created_by, created_by_name, created_at, texts)
                        VALUES (:kind, :sector, :period, :year, :lang, 'GENERATING', :tv, :unit, :by, :byName, :now, '{}')
                        RETURNING id""")
                .param("kind", kind).param("sector", sector).param("period", period).param("year", year)
                .param("lang", lang).param("tv", templateVersion).param("unit", unitId).param("by", userId)
                .param("byName", userName).param("now", Timestamp.from(now)).query(Long.class).single();
    }

    void jobId(long id, long jobId) {
        jdbc.sql("UPDATE report_document SET job_id = :job WHERE id = :id").param("job", jobId).param("id", id).update();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_document WHERE id = :id").param("id", id)
                .query(Row.class).optional();
    }

    /** Locks a document's row for a change. */
    Optional<Row> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_document WHERE id = :id FOR UPDATE").param("id", id)
                .query(Row.class).optional();
    }

    List<Row> list(boolean publishedOnly) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM report_document WHERE (:pub = false OR status = 'PUBLISHED') "
                        + "ORDER BY coalesce(published_at, created_at) DESC, id DESC LIMIT 500")
                .param("pub", publishedOnly).query(Row.class).list();
    }

    Optional<String> snapshot(long id) {
        return jdbc.sql("SELECT snapshot FROM report_document WHERE id = :id AND snapshot IS NOT NULL").param("id", id)
                .query(String.class).optional();
    }

    Optional<byte[]> bytes(long id) {
        return jdbc.sql("SELECT bytes FROM report_document WHERE id = :id AND bytes IS NOT NULL").param("id", id)
                .query(byte[].class).optional();
    }

    void generated(long id, String snapshot, byte[] bytes, String sha256, Instant now) {
        jdbc.sql("""
                        UPDATE report_document SET status = 'DRAFT', snapshot = :snapshot, bytes = :bytes, sha256 = :sha,
                            updated_at = :now WHERE id = :id AND status = 'GENERATING'""")
                .param("snapshot", snapshot).param("bytes", bytes).param("sha", sha256).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void failed(long id, Instant now) {
        jdbc.sql("UPDATE report_document SET status = 'FAILED', updated_at = :now WHERE id = :id AND status = 'GENERATING'")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    void edited(long id, String texts, byte[] bytes, String sha256, Instant now) {
        jdbc.sql("""
                        UPDATE report_document SET texts = :texts, bytes = :bytes, sha256 = :sha, updated_at = :now
                        WHERE id = :id AND status = 'DRAFT'""")
                .param("texts", texts).param("bytes", bytes).param("sha", sha256).param("now", Timestamp.from(now))
                .param("id", id).update();
    }

    void published(long id, long userId, String userName, Instant now) {
        jdbc.sql("""
                        UPDATE report_document SET status = 'PUBLISHED', published_by = :by, published_by_name = :name,
                            published_at = :now, updated_at = :now WHERE id = :id AND status = 'DRAFT'""")
                .param("by", userId).param("name", userName).param("now", Timestamp.from(now)).param("id", id).update();
    }

    // ------------------------------------------------------------- templates

    List<TemplateRow> templates() {
        return jdbc.sql("""
                        SELECT version, file_name, sha256, note, uploaded_by_name, uploaded_at, octet_length(bytes) AS size
                        FROM report_template ORDER BY version DESC""").query(TemplateRow.class).list();
    }

    int latestTemplateVersion() {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM report_template").query(Integer.class).single();
    }

    Optional<byte[]> template(int version) {
        return jdbc.sql("SELECT bytes FROM report_template WHERE version = :v").param("v", version)
                .query(byte[].class).optional();
    }

    int addTemplate(String fileName, byte[] bytes, String sha256, String note, long userId, String userName, Instant now) {
        jdbc.sql("LOCK TABLE report_template IN SHARE ROW EXCLUSIVE MODE").update();
        int version = latestTemplateVersion() + 1;
        jdbc.sql("""
                        INSERT INTO report_template (version, file_name, bytes, sha256, note, uploaded_by, uploaded_by_name,
                            uploaded_at) VALUES (:v, :name, :bytes, :sha, :note, :by, :byName, :now)""")
                .param("v", version).param("name", fileName).param("bytes", bytes).param("sha", sha256)
                .param("note", note).param("by", userId).param("byName", userName).param("now", Timestamp.from(now))
                .update();
        return version;
    }
}
