package org.qualitycity.files.internal;

import org.qualitycity.files.Attachment;
import org.qualitycity.platform.UserDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

@Repository
class AttachmentRepository {

    /** An attachment with where its bytes are: the store (DATABASE, DISK, S3) and the key there. */
    record Stored(Attachment attachment, String storageKey, String store) {
    }

    private static final String SELECT = """
            SELECT a.id, a.owner_type, a.owner_id, a.unit_id, a.filename, a.content_type, a.size_bytes, a.sha256,
                   a.storage_key, a.store, a.created_by, a.created_at
            FROM files_attachment a
            """;

    private final JdbcClient jdbc;
    private final UserDirectory users;

    AttachmentRepository(JdbcClient jdbc, UserDirectory users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** The attachments with the display names of their creators, read through the platform's user directory. */
    private List<Stored> named(List<Stored> rows) {
        Map<Long, String> names = users.displayNames(rows.stream().map(r -> r.attachment().createdBy())
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        return rows.stream().map(r -> {
            Attachment a = r.attachment();
            return a.createdBy() == null ? r : new Stored(new Attachment(a.id(), a.ownerType(), a.ownerId(), a.unitId(),
                    a.filename(), a.contentType(), a.sizeBytes(), a.sha256(), a.createdBy(), names.get(a.createdBy()),
                    a.createdAt()), r.storageKey(), r.store());
        }).toList();
    }

    private static Stored map(ResultSet rs, int n) throws SQLException {
        long unit = rs.getLong("unit_id");
        Long unitId = rs.wasNull() ? null : unit;
        long by = rs.getLong("created_by");
        Long createdBy = rs.wasNull() ? null : by;
        return new Stored(new Attachment(rs.getLong("id"), rs.getString("owner_type"), rs.getLong("owner_id"), unitId,
                rs.getString("filename"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                createdBy, null, rs.getTimestamp("created_at").toInstant()),
                rs.getString("storage_key"), rs.getString("store"));
    }

    long insert(String ownerType, long ownerId, Long unitId, String filename, String contentType, long size,
                String sha256, String storageKey, String store, long createdBy) {
        return jdbc.sql("""
                        INSERT INTO files_attachment (owner_type, owner_id, unit_id, filename, content_type, size_bytes,
                                                      sha256, storage_key, store, created_by)
                        VALUES (:ownerType, :ownerId, :unitId, :filename, :contentType, :size, :sha256, :key, :store,
                                :createdBy)
                        RETURNING id
                        """)
                .param("ownerType", ownerType).param("ownerId", ownerId).param("unitId", unitId)
                .param("filename", filename).param("contentType", contentType).param("size", size)
                .param("sha256", sha256).param("key", storageKey).param("store", store).param("createdBy", createdBy)
                .query(Long.class).single();
    }

    /** A live (not deleted) attachment. */
    Optional<Stored> byId(long id) {
        return named(jdbc.sql(SELECT + " WHERE a.id = :id AND a.deleted_at IS NULL").param("id", id)
                .query(AttachmentRepository::map).list()).stream().findFirst();
    }

    List<Attachment> byOwner(String ownerType, long ownerId) {
        List<Stored> rows = jdbc.sql(SELECT + " WHERE a.owner_type = :ownerType AND a.owner_id = :ownerId AND a.deleted_at IS NULL"
                        + " ORDER BY a.created_at, a.id LIMIT 1000")
                .param("ownerType", ownerType).param("ownerId", ownerId)
                .query(AttachmentRepository::map).list();
        return named(rows).stream().map(Stored::attachment).toList();
    }

    boolean markDeleted(long id, long userId) {
        return jdbc.sql("""
                        UPDATE files_attachment SET deleted_at = now(), deleted_by = :userId
                        WHERE id = :id AND deleted_at IS NULL
                        """)
                .param("id", id).param("userId", userId).update() == 1;
    }
}
