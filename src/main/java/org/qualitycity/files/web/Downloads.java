package org.qualitycity.files.web;

import org.qualitycity.files.Attachment;
import org.qualitycity.files.AttachmentContent;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;

/** The one way an attachment leaves the server: as a download that no browser renders inline. */
final class Downloads {

    private Downloads() {
    }

    static ResponseEntity<Resource> response(AttachmentContent content) {
        Attachment a = content.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.contentType()))
                .contentLength(a.sizeBytes())
                // RFC 6266 with the RFC 5987 filename* parameter, so Chinese names survive
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(a.filename(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.noStore().cachePrivate())
                .eTag("\"" + a.sha256() + "\"")
                .body(new FileSystemResource(content.path()));
    }
}
