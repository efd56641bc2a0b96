package org.qualitycity.files.internal;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qualitycity.platform.ValidationException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Content detection without the application: the rules on bytes and names. */
class FileTypesTest {

    @TempDir
    Path dir;

    private Path write(byte[] bytes) throws IOException {
        Path p = Files.createTempFile(dir, "t", ".bin");
        Files.write(p, bytes);
        return p;
    }

    private FileTypes.Kind kind(String name, byte[] bytes) throws IOException {
        return FileTypes.detect(name, write(bytes)).kind();
    }

    private void refused(String name, byte[] bytes) {
        assertThatThrownBy(() -> FileTypes.detect(name, write(bytes)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("file"));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[Math.max(values.length, 16)];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void imagesAreRecognisedByTheirMagicNumbers() throws IOException {
        assertThat(kind("a.gif", "GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileTypes.Kind.GIF);
        assertThat(kind("a.webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII))).isEqualTo(FileTypes.Kind.WEBP);
        assertThat(kind("a.jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE1))).isEqualTo(FileTypes.Kind.JPEG);
        assertThat(kind("A.PNG", bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'))).isEqualTo(FileTypes.Kind.PNG);
        // the name must fit the content, even between image types
        refused("a.gif", bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'));
        refused("a.png", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void legacyExcelIsRecognisedInsideItsOleContainer() throws IOException {
        byte[] xls;
        try (HSSFWorkbook wb = new HSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            wb.createSheet("s").createRow(0).createCell(0).setCellValue("合格");
            wb.write(out);
            xls = out.toByteArray();
        }
        assertThat(kind("报表.xls", xls)).isEqualTo(FileTypes.Kind.XLS);
        assertThat(FileTypes.detect("报表.xls", write(xls)).contentType()).isEqualTo("application/vnd.ms-excel");
        refused("报表.doc", xls);
        // a broken OLE container
        byte[] broken = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3);
        refused("x.doc", broken);
    }

    @Test
    void binariesOfEveryPlatformAreRefusedWhateverTheirName() {
        refused("a.pdf", bytes(0xCA, 0xFE, 0xBA, 0xBE));          // Java class / Mach-O fat binary
        refused("a.pdf", bytes(0xCF, 0xFA, 0xED, 0xFE));          // Mach-O 64
        refused("a.txt", bytes(0x7F, 'E', 'L', 'F'));
        refused("a.txt", "MZ text".getBytes(StandardCharsets.US_ASCII));
        refused("a.txt", "#!/usr/bin/env python\n".getBytes(StandardCharsets.US_ASCII));
        refused("a.txt", "binary\0data".getBytes(StandardCharsets.US_ASCII));
        refused("a.docm", "x".getBytes(StandardCharsets.US_ASCII));
        refused("a.xhtml", "x".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void textIsUtf8OrGb18030() throws IOException {
        assertThat(FileTypes.detect("a.txt", write("\uFEFF你好\r\n".getBytes(StandardCharsets.UTF_8))).contentType())
                .isEqualTo("text/plain; charset=UTF-8");
        assertThat(FileTypes.detect("a.csv", write("名称,值\n".getBytes(java.nio.charset.Charset.forName("GB18030"))))
                .contentType()).isEqualTo("text/csv; charset=GB18030");
        refused("a.txt", "\uFEFF <script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void damagedZipIsRefusedNotAnError() throws IOException {
        Path p = Files.createTempFile(dir, "z", ".docx");
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(new byte[]{'P', 'K', 3, 4, 9, 9, 9, 9, 9, 9});
        }
        assertThatThrownBy(() -> FileTypes.detect("z.docx", p)).isInstanceOf(ValidationException.class);
    }

    @Test
    void fileNamesLoseDirectoriesAndControlCharacters() {
        assertThat(AttachmentService.cleanFilename("C:\\Users\\li\\报告.pdf")).isEqualTo("报告.pdf");
        assertThat(AttachmentService.cleanFilename("../../etc/passwd.txt")).isEqualTo("passwd.txt");
        assertThat(AttachmentService.cleanFilename("a\u0000b\r\n\".txt")).isEqualTo("ab.txt");
        assertThat(AttachmentService.cleanFilename("..hidden.txt")).isEqualTo("hidden.txt");
        assertThat(AttachmentService.cleanFilename("invoice\u202Egpj.pdf")).isEqualTo("invoicegpj.pdf");
        assertThat(AttachmentService.cleanFilename("\u2066a\u2069\u200Eb\u200F\u202A\u202B\u202C\u202D\u2067\u2068.txt"))
                .isEqualTo("ab.txt");
        assertThat(AttachmentService.cleanFilename("x".repeat(251) + ".pdf")).hasSize(255);
        String longName = "x".repeat(300) + ".pdf";
        assertThatThrownBy(() -> AttachmentService.cleanFilename(longName)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("name", "文件名"));
        assertThatThrownBy(() -> AttachmentService.cleanFilename("/")).isInstanceOf(ValidationException.class);
    }
}
