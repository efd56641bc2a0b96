package org.qualitycity.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** An attachment with access to its bytes; open the stream and close it after use. */
public record AttachmentContent(Attachment attachment, Path path) {

    public InputStream openStream() throws IOException {
        return java.nio.file.Files.newInputStream(path);
    }
}
