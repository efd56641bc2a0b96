package org.qualitycity.enterprise.web;

import org.qualitycity.platform.Text;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Industries by their GB/T 4754-2017 names (the reference data {@code reference/gb-t-4754-2017.csv}: sections,
 * divisions and the groups and classes in use) in the page's language; templates: {@code ${@industries.name(code)}}.
 * A code that is not listed is named by its nearest listed level (class → group → division → section).
 */
@Component("industries")
public class IndustryNames {

    static final String RESOURCE = "reference/gb-t-4754-2017.csv";

    private final Map<String, Text.Names> names;

    IndustryNames() {
        this.names = load();
    }

    /** "C1411" → its GB/T 4754 name in the reader's language ("Manufacture of pastries and bread" in English); the code itself if unknown. */
    public String name(String code, Locale locale) {
        if (code == null || code.isBlank()) {
            return code;
        }
        String c = code.trim().toUpperCase(Locale.ROOT);
        String section = Character.isLetter(c.charAt(0)) ? c.substring(0, 1) : null;
        String digits = section == null ? c : c.substring(1);
        for (int n = digits.length(); n >= 2; n--) {
            Text.Names found = names.get(digits.substring(0, n));
            if (found != null) {
                return found.in(locale);
            }
        }
        Text.Names s = section == null ? null : names.get(section);
        return s == null ? code : s.in(locale);
    }

    /** In the current request's language. */
    public String name(String code) {
        return name(code, org.qualitycity.platform.Texts.locale());
    }

    private static Map<String, Text.Names> load() {
        Map<String, Text.Names> map = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> f = fields(line);
                map.put(f.get(0), new Text.Names(f.get(1), f.size() > 2 ? f.get(2) : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }

    /** One CSV line: comma-separated, a field in double quotes may hold commas. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
