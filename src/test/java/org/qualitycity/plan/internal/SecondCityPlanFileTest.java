package org.qualitycity.plan.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan file of the fictional second city (test fixture {@code cities/riverside/}) is valid against its own unit
 * tree, with no Spring context: the quick check behind {@code CityAsDataTest}.
 */
class SecondCityPlanFileTest {

    private static String resource(String path) throws IOException {
        try (InputStream in = SecondCityPlanFileTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSecondCitysPlanIsValidAgainstItsOwnUnitTree() throws IOException {
        Matcher m = Pattern.compile("code: \"([0-9A-Z-]+)\"").matcher(resource("/cities/riverside/units.yaml"));
        Set<String> units = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
        assertThat(units).contains("990000", "990001", "990002", "990003").noneMatch(c -> c.startsWith("4212"));
        PlanSource plan = PlanSource.parse(resource("/cities/riverside/plan.yaml"), PlanSource.Format.YAML,
                PlanTexts.ENGLISH);
        List<PlanProblem> problems = new PlanValidator(units::contains, p -> null, PlanTexts.ENGLISH).validate(plan);
        assertThat(problems).extracting(PlanProblem::describe).isEmpty();
    }
}
