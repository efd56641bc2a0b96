package org.qualitycity.report.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes an Office file's bytes a function of its content: every zip entry (also of the workbooks embedded in
 * charts) gets one fixed time, and the core properties' dates are the document's creation time, so rendering the
 * same snapshot twice gives byte-identical files.
 */
final class DocxNormalizer {

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final Pattern DATES = Pattern.compile(
            "(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:(created|modified)>)");

    private DocxNormalizer() {
    }

    static byte[] normalize(byte[] zip, Instant created) {
        String when = created.atOffset(ZoneOffset.UTC).withNano(0).toInstant().toString();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ByteArrayOutputStream bytes = new ByteArrayOutputStream(zip.length + 1024)) {
            try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                ZipEntry e;
                while ((e = in.getNextEntry()) != null) {
                    byte[] content = in.readAllBytes();
                    String name = e.getName();
                    if (name.endsWith(".xlsx") || name.endsWith(".docx")) {
                        content = normalize(content, created);
                    } else if (name.equals("docProps/core.xml")) {
                        Matcher m = DATES.matcher(new String(content, StandardCharsets.UTF_8));
                        content = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + when + r.group(3)))
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    ZipEntry o = new ZipEntry(name);
                    o.setTimeLocal(ENTRY_TIME);
                    out.putNextEntry(o);
                    out.write(content);
                    out.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
