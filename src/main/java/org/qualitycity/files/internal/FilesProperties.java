package org.qualitycity.files.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code qc.files.*}.
 *
 * @param dir     where the bytes live; default {@code ${qc.data-dir}/files}
 * @param maxSize largest accepted file ({@code QC_MAX_UPLOAD_SIZE}, default 20MB)
 */
@ConfigurationProperties(prefix = "qc.files")
record FilesProperties(String dir, DataSize maxSize) {

    FilesProperties {
        if (maxSize == null) {
            maxSize = DataSize.ofMegabytes(20);
        }
    }
}
