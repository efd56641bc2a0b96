package org.qualitycity.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whoever clones the repository can follow every link in its documentation: relative Markdown links and
 * images resolve to files in the repository, and no document sends the reader outside it ({@code ../}).
 */
class DocumentationLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern LEAVES_REPOSITORY = Pattern.compile("(?<![\\w.])\\.\\./(shared|seed)\\b");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            List<String> lines = Files.readAllLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKDOWN_LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                        continue;
                    }
                    String file = target.replaceAll("#.*$", "");
                    Path resolved = doc.getParent().resolve(file).normalize();
                    if (!resolved.startsWith(Path.of("").toAbsolutePath()) || !Files.exists(resolved)) {
                        broken.add(doc + ":" + (i + 1) + " → " + target);
                    }
                }
                if (LEAVES_REPOSITORY.matcher(lines.get(i)).find()) {
                    broken.add(doc + ":" + (i + 1) + " points outside the repository: " + lines.get(i).strip());
                }
            }
        }
        assertThat(broken).as("links in README.md and docs/ that a reader of a clone cannot follow").isEmpty();
    }

    private static List<Path> documents() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        assertThat(docs).hasSizeGreaterThan(5);
        return docs;
    }
}
