package org.qualitycity.files.web;

import org.qualitycity.files.Attachment;
import org.qualitycity.files.AttachmentContent;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.io.InputStream;
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
                .body(new Streamed(content));
    }

    /** The bytes as a resource that opens a fresh stream on every read (a range request reads again). */
    private static final class Streamed extends AbstractResource {

        private final AttachmentContent content;

        Streamed(AttachmentContent content) {
            this.content = content;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return content.openStream();
        }

        @Override
        public long contentLength() {
            return content.attachment().sizeBytes();
        }

        @Override
        public long lastModified() {
            return content.attachment().createdAt().toEpochMilli();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public String getDescription() {
            return "attachment " + content.attachment().id();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Streamed s && s.content.attachment().id() == content.attachment().id();
        }

        @Override
        public int hashCode() {
            return Long.hashCode(content.attachment().id());
        }
    }
}
