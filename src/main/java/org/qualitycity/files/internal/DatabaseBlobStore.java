package org.qualitycity.files.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Attachments in PostgreSQL: {@code files_chunk} rows of at most {@link #CHUNK} bytes per storage key.
 * Writing reads the staged file one chunk at a time; reading fetches one chunk per query when the
 * previous one is used up, so a 20 MB download holds 1 MiB in memory, and needs no open transaction
 * (chunks never change once written).
 */
@Component
class DatabaseBlobStore implements BlobStore {

    static final int CHUNK = 1024 * 1024;

    private final JdbcClient jdbc;

    DatabaseBlobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "DATABASE";
    }

    @Override
    public void write(String key, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buf, 0, CHUNK)) > 0) {
                jdbc.sql("INSERT INTO files_chunk (storage_key, seq, data) VALUES (:key, :seq, :data)")
                        .param("key", key).param("seq", seq++).param("data", n == CHUNK ? buf : Arrays.copyOf(buf, n))
                        .update();
            }
        }
    }

    @Override
    public InputStream open(String key) {
        return new ChunkStream(key);
    }

    @Override
    public boolean exists(String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM files_chunk WHERE storage_key = :key AND seq = 0)")
                .param("key", key).query(Boolean.class).single();
    }

    /** Reads the chunks of one key in order, fetching the next when the current one is used up. */
    private final class ChunkStream extends InputStream {

        private final String key;
        private byte[] chunk = new byte[0];
        private int pos;
        private int next;
        private boolean end;

        ChunkStream(String key) {
            this.key = key;
        }

        private boolean fill() {
            while (!end && pos >= chunk.length) {
                byte[] data = jdbc.sql("SELECT data FROM files_chunk WHERE storage_key = :key AND seq = :seq")
                        .param("key", key).param("seq", next).query(byte[].class).optional().orElse(null);
                if (data == null) {
                    end = true;
                    chunk = new byte[0];
                } else {
                    next++;
                    chunk = data;
                }
                pos = 0;
            }
            return !end || pos < chunk.length;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            return chunk[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long skipped = 0;
            while (skipped < n && fill()) {
                int step = (int) Math.min(n - skipped, chunk.length - pos);
                pos += step;
                skipped += step;
            }
            return skipped;
        }

        @Override
        public void close() {
            chunk = new byte[0];
            end = true;
        }
    }
}
