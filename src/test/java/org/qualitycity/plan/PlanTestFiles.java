package org.qualitycity.plan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The bundled plan file, read independently of the plan module's own parser. */
final class PlanTestFiles {

    static final String BUNDLED_ID = "xianning-2017";

    private PlanTestFiles() {
    }

    static String bundledText() {
        try (InputStream in = PlanTestFiles.class.getResourceAsStream("/plans/xianning-2017.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    /** A copy of the bundled plan under another id, to change without touching the shared current plan. */
    static String copy(String id) {
        String text = bundledText();
        String copied = text.replace("  id: xianning-2017\n", "  id: " + id + "\n");
        if (copied.equals(text)) {
            throw new IllegalStateException("plan.id not found in the bundled file");
        }
        return copied;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> measure(Map<String, Object> doc, String code) {
        for (Object g : (List<Object>) doc.get("measure_groups")) {
            for (Object m : (List<Object>) ((Map<String, Object>) g).get("measures")) {
                if (code.equals(((Map<String, Object>) m).get("code"))) {
                    return (Map<String, Object>) m;
                }
            }
        }
        throw new AssertionError("no measure " + code);
    }
}
