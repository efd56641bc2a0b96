package org.qualitycity.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * An attachment with access to its bytes, wherever they are stored (the database by default); open the
 * stream, as often as needed, and close it after use.
 */
public record AttachmentContent(Attachment attachment, Source source) {

    /** Opens a fresh stream of the bytes. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public InputStream openStream() throws IOException {
        return source.open();
    }
}
