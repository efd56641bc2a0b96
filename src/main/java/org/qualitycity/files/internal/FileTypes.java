package org.qualitycity.files.internal;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides an upload's type from its bytes (magic numbers and, for Office files, the container's
 * entries), never from the client's content type alone, and requires the file name's extension to
 * belong to the same family. Allowed: images (PNG, JPEG, GIF, WebP), PDF, Office documents
 * (DOCX/XLSX/PPTX and legacy DOC/XLS/PPT, without macros), plain text and CSV. Refused: everything
 * else, in particular executables, scripts, HTML, SVG (which can carry scripts) and generic ZIP
 * archives, whose contents cannot be checked without unpacking them.
 */
public final class FileTypes {

    /** A detected type: its family (which extensions fit), the content type we store, and the extensions. */
    public enum Kind {
        PNG("image/png", "png"),
        JPEG("image/jpeg", "jpg", "jpeg"),
        GIF("image/gif", "gif"),
        WEBP("image/webp", "webp"),
        PDF("application/pdf", "pdf"),
        DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "doc"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "xls"),
        PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "ppt"),
        DOC("application/msword", "doc", "docx"),
        XLS("application/vnd.ms-excel", "xls", "xlsx"),
        PPT("application/vnd.ms-powerpoint", "ppt", "pptx"),
        TEXT("text/plain", "txt"),
        CSV("text/csv", "csv");

        final String contentType;
        final Set<String> extensions;

        Kind(String contentType, String... extensions) {
            this.contentType = contentType;
            this.extensions = Set.of(extensions);
        }
    }

    /** The detected type and the content type to store (text carries its detected charset). */
    public record Detected(Kind kind, String contentType) {
    }

    static final List<String> ALLOWED_EXTENSIONS = List.of("png", "jpg", "jpeg", "gif", "webp", "pdf", "doc", "docx",
            "xls", "xlsx", "ppt", "pptx", "txt", "csv");

    private static final Set<String> KNOWN_DANGEROUS = Set.of("exe", "dll", "com", "scr", "msi", "bat", "cmd", "sh",
            "bash", "ps1", "vbs", "js", "mjs", "jar", "class", "war", "apk", "html", "htm", "xhtml", "svg", "php",
            "jsp", "py", "pl", "rb", "hta", "lnk", "elf", "so", "bin", "run", "docm", "xlsm", "pptm");

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private FileTypes() {
    }

    /** The extension of a file name, lower case, or "" if it has none. */
    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Detects the type of the bytes in {@code file} (already fully written) and checks that
     * {@code filename}'s extension fits it.
     *
     * @throws ValidationException on field {@code file} if the type is not allowed or does not match the name
     */
    public static Detected detect(String filename, Path file) throws IOException {
        String ext = extension(filename);
        if (KNOWN_DANGEROUS.contains(ext)) {
            throw refuse(Texts.msg("files.error.type-not-allowed", ext));
        }
        if (!ALLOWED_EXTENSIONS.contains(ext)) {
            throw refuse(ext.isEmpty() ? Texts.msg("files.error.no-extension", allowed()) : Texts.msg("files.error.type-not-allowed-list", ext, allowed()));
        }
        byte[] head = readHead(file, 4096);
        if (isExecutable(head)) {
            throw refuse(Texts.msg("files.error.executable"));
        }
        Kind kind = sniff(head, file);
        if (kind == null) {
            kind = text(head, file, ext);
        }
        if (kind == null) {
            throw refuse(Texts.msg("files.error.content-not", ext.toUpperCase(Locale.ROOT), allowed()));
        }
        if (!kind.extensions.contains(ext)) {
            throw refuse(Texts.msg("files.error.content-mismatch", kind.name(), ext));
        }
        String contentType = kind.contentType;
        if (kind == Kind.TEXT || kind == Kind.CSV) {
            contentType += "; charset=" + (isUtf8(file) ? "UTF-8" : "GB18030");
        }
        return new Detected(kind, contentType);
    }

    private static String allowed() {
        return String.join(", ", ALLOWED_EXTENSIONS);
    }

    private static ValidationException refuse(String message) {
        return new ValidationException("file", message);
    }

    private static byte[] readHead(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean startsWith(byte[] data, String ascii) {
        return startsWith(data, ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Windows PE (MZ), ELF, Mach-O, Java class files and scripts with an interpreter line. */
    static boolean isExecutable(byte[] h) {
        if (startsWith(h, "MZ") || startsWith(h, new byte[]{0x7F, 'E', 'L', 'F'}) || startsWith(h, "#!")) {
            return true;
        }
        if (h.length >= 4) {
            int m = ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
            // Mach-O 32/64 in both byte orders, fat binaries and Java class files share 0xCAFEBABE
            return m == 0xFEEDFACE || m == 0xFEEDFACF || m == 0xCEFAEDFE || m == 0xCFFAEDFE || m == 0xCAFEBABE;
        }
        return false;
    }

    private static Kind sniff(byte[] h, Path file) throws IOException {
        if (startsWith(h, PNG_MAGIC)) {
            return Kind.PNG;
        }
        if (h.length >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) {
            return Kind.JPEG;
        }
        if (startsWith(h, "GIF87a") || startsWith(h, "GIF89a")) {
            return Kind.GIF;
        }
        if (h.length >= 12 && startsWith(h, "RIFF") && new String(h, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return Kind.WEBP;
        }
        if (startsWith(h, "%PDF-")) {
            return Kind.PDF;
        }
        if (startsWith(h, ZIP_MAGIC)) {
            return ooxml(file);
        }
        if (startsWith(h, OLE2_MAGIC)) {
            return ole2(file);
        }
        return null;
    }

    /** A ZIP is accepted only as an Office Open XML document of a known kind and without macros. */
    private static Kind ooxml(Path file) {
        boolean contentTypes = false;
        Kind kind = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.endsWith("vbaproject.bin") || lower.endsWith(".exe") || lower.endsWith(".dll")) {
                    throw refuse(Texts.msg("files.error.macros-or-programs"));
                }
                switch (name) {
                    case "[Content_Types].xml" -> contentTypes = true;
                    case "word/document.xml" -> kind = Kind.DOCX;
                    case "xl/workbook.xml" -> kind = Kind.XLSX;
                    case "ppt/presentation.xml" -> kind = Kind.PPTX;
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException v) {
                throw v;
            }
            throw refuse(Texts.msg("files.error.damaged-zip"));
        }
        if (!contentTypes || kind == null) {
            throw refuse(Texts.msg("files.error.zip"));
        }
        return kind;
    }

    /** A legacy Office (OLE2 compound) file: Word, Excel or PowerPoint, without macros, not encrypted. */
    private static Kind ole2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryEntry root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("Macros") || root.hasEntryCaseInsensitive("_VBA_PROJECT_CUR")
                    || root.hasEntryCaseInsensitive("VBA")) {
                throw refuse(Texts.msg("files.error.macros"));
            }
            if (root.hasEntryCaseInsensitive("EncryptedPackage")) {
                throw refuse(Texts.msg("files.error.password"));
            }
            if (root.hasEntryCaseInsensitive("WordDocument")) {
                return Kind.DOC;
            }
            if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
                return Kind.XLS;
            }
            if (root.hasEntryCaseInsensitive("PowerPoint Document")) {
                return Kind.PPT;
            }
            for (Entry e : root) {
                if (e.getName().toLowerCase(Locale.ROOT).contains("macro")) {
                    throw refuse(Texts.msg("files.error.macros"));
                }
            }
            throw refuse(Texts.msg("files.error.unknown-office"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ValidationException v) {
                throw v;
            }
            throw refuse(Texts.msg("files.error.damaged-office"));
        }
    }

    /**
     * Plain text or CSV: no NUL or other control bytes, UTF-8 (with or without BOM) or GB18030, and not
     * markup or a script that a browser or shell would run.
     */
    private static Kind text(byte[] head, Path file, String ext) throws IOException {
        if (!ext.equals("txt") && !ext.equals("csv")) {
            return null;
        }
        if (!hasOnlyTextBytes(file)) {
            return null;
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        if (start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<script")
                || start.startsWith("<svg") || start.startsWith("<?xml") || start.startsWith("<head")
                || start.startsWith("<body") || start.startsWith("<iframe") || start.startsWith("@echo")) {
            throw refuse(Texts.msg("files.error.markup"));
        }
        if (!isUtf8(file) && !decodes(file, Charset.forName("GB18030"))) {
            return null;
        }
        return ext.equals("csv") ? Kind.CSV : Kind.TEXT;
    }

    private static boolean hasOnlyTextBytes(Path file) throws IOException {
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buf[i] & 0xFF;
                    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                        return false;
                    }
                    if (b == 0x7F) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static boolean isUtf8(Path file) throws IOException {
        return decodes(file, StandardCharsets.UTF_8);
    }

    private static boolean decodes(Path file, Charset charset) throws IOException {
        // text uploads are small enough to decode at once; the size limit has been applied before
        byte[] all = Files.readAllBytes(file);
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(all));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
