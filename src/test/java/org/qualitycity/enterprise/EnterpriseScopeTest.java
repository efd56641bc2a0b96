package org.qualitycity.enterprise;

import org.junit.jupiter.api.Test;
import org.qualitycity.platform.DataScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed scope of enterprise-owned records: rendered from constants and column names, values bound. */
class EnterpriseScopeTest {

    @Test
    void anEnterpriseAccountSeesItsOwnEnterpriseOnly() {
        EnterpriseScope scope = EnterpriseScope.ofEnterprise(42);
        assertThat(scope.predicate("s.enterprise_id", "s.unit_id")).isEqualTo("(s.enterprise_id = :scopeEnterpriseId)");
        assertThat(scope.params()).containsExactlyEntriesOf(java.util.Map.of("scopeEnterpriseId", 42L));
    }

    @Test
    void staffSeeTheUnitsOfTheirDataScope() {
        DataScope units = new DataScope(DataScope.Kind.UNIT, 7, 5, "/1/5/");
        EnterpriseScope scope = EnterpriseScope.ofUnits(units);
        assertThat(scope.predicate("e.id", "e.unit_id")).isEqualTo(units.predicate("e.unit_id", null))
                .isEqualTo("(e.unit_id = :scopeUnitId)");
        assertThat(scope.params()).isEqualTo(units.params());
        assertThat(EnterpriseScope.ofUnits(new DataScope(DataScope.Kind.ALL, 7, 5, "/1/")).predicate("e.id", "e.unit_id"))
                .isEqualTo("TRUE");
    }

    @Test
    void columnsMustBeIdentifiersAndTheScopeOneOfTheTwo() {
        EnterpriseScope scope = EnterpriseScope.ofEnterprise(42);
        assertThatThrownBy(() -> scope.predicate("s.enterprise_id OR 1=1", "s.unit_id"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scope.predicate("s.enterprise_id", "s.unit_id; DROP TABLE enterprise"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scope.predicate(null, "s.unit_id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnterpriseScope(1L, new DataScope(DataScope.Kind.ALL, 1, 1, "/1/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnterpriseScope(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
