package org.qualitycity.files.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code qc.files.*}.
 *
 * @param dir     where uploads are staged while they are checked, and where attachments written before
 *                they moved into the database are read from once; default {@code ${qc.data-dir}/files}
 * @param maxSize largest accepted file ({@code QC_MAX_UPLOAD_SIZE}, default 20MB)
 * @param store   where the bytes live ({@code QC_FILES_STORE}): {@code database} (default); {@code s3} once
 *                an S3 store is added (docs/operations.md, "Attachments")
 */
@ConfigurationProperties(prefix = "qc.files")
record FilesProperties(String dir, DataSize maxSize, String store) {

    FilesProperties {
        if (maxSize == null) {
            maxSize = DataSize.ofMegabytes(20);
        }
        if (!StringUtils.hasText(store)) {
            store = "database";
        }
    }
}
