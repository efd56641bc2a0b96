package org.qualitycity.files.internal;

import org.junit.jupiter.api.Test;
import org.qualitycity.support.QcIntegrationTest;
import org.qualitycity.support.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, item 11: an installation upgraded from attachments on disk keeps its files. Rows written before the
 * migration (store DISK, bytes under the data directory) are copied into the database at start-up; a file this
 * node does not have stays DISK for a node that has it.
 */
@QcIntegrationTest
class LegacyAttachmentImportTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FileStore files;
    @Autowired
    LegacyAttachmentImport importer;

    private long legacyRow(String key, byte[] bytes) throws Exception {
        long chibi = jdbc.sql("SELECT id FROM platform_unit WHERE code = '421281'").query(Long.class).single();
        long admin = jdbc.sql("SELECT id FROM platform_user WHERE username = 'admin'").query(Long.class).single();
        return jdbc.sql("""
                        INSERT INTO files_attachment (owner_type, owner_id, unit_id, filename, content_type, size_bytes,
                                                      sha256, storage_key, store, created_by)
                        VALUES ('unit', :unit, :unit, '旧附件.csv', 'text/csv', :size, :sha, :key, 'DISK', :admin)
                        RETURNING id""")
                .param("unit", chibi).param("size", bytes.length)
                .param("sha", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .param("key", key).param("admin", admin).query(Long.class).single();
    }

    private String store(long id) {
        return jdbc.sql("SELECT store FROM files_attachment WHERE id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void filesOnDiskFromBeforeTheMigrationMoveIntoTheDatabase() throws Exception {
        TestApi api = new TestApi(port);
        String token = api.token("chibi");
        StringBuilder text = new StringBuilder("批次,结果\n");
        while (text.length() < 900_000) {
            text.append("旧批次,合格\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(DatabaseBlobStore.CHUNK);
        String key = UUID.randomUUID().toString();
        long id = legacyRow(key, bytes);
        Path path = files.pathOf(key);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        long missing = legacyRow(UUID.randomUUID().toString(), "不在本节点\n".getBytes(StandardCharsets.UTF_8));
        try {
            // before the copy the node still serves it from its disk
            assertThat(api.getBytes("/api/v1/files/" + id + "/content", token)).isEqualTo(bytes);

            LegacyAttachmentImport.Outcome o = importer.copyAll();
            assertThat(o.copied()).isGreaterThanOrEqualTo(1);
            assertThat(store(id)).isEqualTo("DATABASE");
            assertThat(jdbc.sql("SELECT count(*) FROM files_chunk WHERE storage_key = :k").param("k", key)
                    .query(Long.class).single()).isEqualTo((bytes.length + DatabaseBlobStore.CHUNK - 1) / DatabaseBlobStore.CHUNK);
            Files.delete(path);
            assertThat(api.getBytes("/api/v1/files/" + id + "/content", token)).as("served from the database")
                    .isEqualTo(bytes);

            // a file this node does not have stays on disk for the node that has it; a second run copies nothing
            assertThat(store(missing)).isEqualTo("DISK");
            assertThat(api.get("/api/v1/files/" + missing + "/content", token).status()).isEqualTo(404);
            assertThat(importer.copyAll().copied()).isZero();
        } finally {
            jdbc.sql("DELETE FROM files_attachment WHERE id = :id").param("id", missing).update();
        }
    }
}
