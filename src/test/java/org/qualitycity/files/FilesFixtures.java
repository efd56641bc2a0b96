package org.qualitycity.files;

import org.qualitycity.support.Multipart;
import org.qualitycity.support.TestApi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Records of the files module for tests of other packages (e.g. the data-scope probes). */
public final class FilesFixtures {

    private static final Pattern OWNER_ID = Pattern.compile("data-owner-id=\"(\\d+)\"");

    private FilesFixtures() {
    }

    /** The id of a unit (the owner id of its documents), as the unit documents page shows it to the city administrator. */
    public static long unitId(TestApi api, String unitCode) {
        String page = Multipart.browser(api, "admin").page("/files?unit=" + unitCode).body();
        Matcher m = OWNER_ID.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no unit documents table for " + unitCode);
        }
        return Long.parseLong(m.group(1));
    }

    /** Uploads a small PDF as {@code user} to the documents of the unit; returns the file's id. */
    public static long uploadPdf(TestApi api, String user, long unitId, String filename) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ownerType", "unit");
        fields.put("ownerId", String.valueOf(unitId));
        fields.put("file", new Multipart.Part(filename, TestFiles.pdf(), "application/pdf"));
        TestApi.Response r = Multipart.api(api).post("/api/v1/files", fields, api.token(user));
        if (r.status() != 201) {
            throw new IllegalStateException("upload failed: " + r);
        }
        return r.json().get("id").asLong();
    }

    /** Multipart POST of a page form in a fresh browser session of {@code user}, with its CSRF token. */
    public static int postPageUpload(TestApi api, String user, long unitId, String filename) {
        Multipart browser = Multipart.browser(api, user);
        browser.page("/files");
        return browser.postForm("/files", Map.of("ownerType", "unit", "ownerId", String.valueOf(unitId),
                "file", new Multipart.Part(filename, TestFiles.pdf(), "application/pdf"))).statusCode();
    }
}
