package org.qualitycity.indicator.internal;

import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The upload page's two steps: a workbook is staged for its uploader (choose file → preview), and only the
 * confirmation stores its values, all or nothing, through {@link ValueWorkbook#upload} — the same parser and
 * checks as the API's upload. A staged file is read by its uploader only (any other id is a 404) and is
 * removed when confirmed or after a day.
 */
@Service
public class ValueUploads {

    /** A staged file: its name and what confirming it would store. */
    public record Staged(UUID id, String fileName, ValueWorkbook.Preview preview) {
    }

    private final JdbcClient jdbc;
    private final ValueWorkbook workbook;
    private final AuditLog audit;

    ValueUploads(JdbcClient jdbc, ValueWorkbook workbook, AuditLog audit) {
        this.jdbc = jdbc;
        this.workbook = workbook;
        this.audit = audit;
    }

    /** Stages a file for the user; nothing becomes a value. */
    @Transactional
    public UUID stage(CurrentUser user, String fileName, byte[] content) {
        jdbc.sql("DELETE FROM indicator_upload_stage WHERE created_at < now() - interval '1 day'").update();
        UUID id = UUID.randomUUID();
        String name = fileName == null || fileName.isBlank() ? "upload.xlsx" : fileName.strip();
        name = name.length() > 200 ? name.substring(0, 200) : name;
        jdbc.sql("INSERT INTO indicator_upload_stage (id, user_id, file_name, content) VALUES (:id, :u, :n, :c)")
                .param("id", id).param("u", user.id()).param("n", name).param("c", content).update();
        audit.record("indicator", "upload", id, user.unitId(), "STAGE", null, Map.of("file", name, "bytes", content.length));
        return id;
    }

    /** The user's staged file with its preview (parsed and checked, nothing stored); 404 for anyone else's. */
    @Transactional(readOnly = true)
    public Staged preview(CurrentUser user, UUID id) {
        var row = load(user, id);
        return new Staged(id, row.fileName(), workbook.preview(user, new ByteArrayInputStream(row.content())));
    }

    /** Stores every value of the user's staged file as drafts, all or nothing, and removes the staged file. */
    @Transactional
    public ValueWorkbook.ImportResult confirm(CurrentUser user, UUID id) {
        var row = load(user, id);
        ValueWorkbook.ImportResult result = workbook.upload(user, new ByteArrayInputStream(row.content()));
        jdbc.sql("DELETE FROM indicator_upload_stage WHERE id = :id").param("id", id).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", row.fileName());
        after.put("rows", result.rows());
        after.put("saved", result.saved());
        audit.record("indicator", "upload", id, user.unitId(), "CONFIRM", null, after);
        return result;
    }

    private record Row(String fileName, byte[] content) {
    }

    private Row load(CurrentUser user, UUID id) {
        return jdbc.sql("SELECT file_name, content FROM indicator_upload_stage WHERE id = :id AND user_id = :u")
                .param("id", id).param("u", user.id())
                .query((rs, n) -> new Row(rs.getString("file_name"), rs.getBytes("content"))).optional()
                .orElseThrow(() -> new NotFoundException("upload " + id));
    }
}
