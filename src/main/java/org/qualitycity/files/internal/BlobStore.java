package org.qualitycity.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of attachments live, shared by every application node. The default is PostgreSQL
 * ({@link DatabaseBlobStore}, {@code qc.files.store=database}). An S3-compatible object store is the
 * extension point: a bean implementing this interface with {@link #name()} {@code S3}, selected with
 * {@code qc.files.store=s3} (see docs/operations.md, "Attachments").
 */
interface BlobStore {

    /** The value of {@code files_attachment.store} for attachments this store holds. */
    String name();

    /** Stores the file's bytes under the key, in the caller's transaction where the store is transactional. */
    void write(String key, Path file) throws IOException;

    /** The bytes under the key, streamed; the caller closes the stream. */
    InputStream open(String key) throws IOException;

    /** Whether bytes are stored under the key. */
    boolean exists(String key);
}
