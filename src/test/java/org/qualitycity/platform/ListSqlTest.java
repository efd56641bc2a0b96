package org.qualitycity.platform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one list query builder: escaping, sort whitelist, paging bounds, bound parameters only. */
class ListSqlTest {

    private static final Map<String, String> SORTS = Map.of("name", "e.name", "created", "e.created_at");

    @Test
    void likeWildcardsAndTheEscapeCharacterAreEscaped() {
        assertThat(ListSql.escapeLike("50%")).isEqualTo("50\\%");
        assertThat(ListSql.escapeLike("a_b")).isEqualTo("a\\_b");
        assertThat(ListSql.escapeLike("c:\\d")).isEqualTo("c:\\\\d");
        assertThat(ListSql.escapeLike("%_\\")).isEqualTo("\\%\\_\\\\");
        assertThat(ListSql.escapeLike("普通文本")).isEqualTo("普通文本");
        assertThat(ListSql.containsPattern("  50% ")).isEqualTo("%50\\%%");
    }

    @Test
    void containsBindsTheEscapedPatternAndWritesTheEscapeClauseForEveryColumn() {
        ListSql list = ListSql.from("FROM enterprise e").contains("text", " 5_0 ", "e.name", "e.credit_code");
        assertThat(list.whereClause())
                .isEqualTo(" WHERE (e.name LIKE :text ESCAPE '\\' OR e.credit_code LIKE :text ESCAPE '\\') ");
        assertThat(list.params()).containsEntry("text", "%5\\_0%");
        assertThat(list.whereClause()).doesNotContain("5_0");
    }

    @Test
    void startsWithEscapesTooAndIgnoringCaseUsesIlike() {
        ListSql list = ListSql.from("FROM t").startsWith("u.path", "p", "/1_2/")
                .containsIgnoringCase("q", "Ab", "u.name");
        assertThat(list.params()).containsEntry("p", "/1\\_2/%").containsEntry("q", "%Ab%");
        assertThat(list.whereClause()).contains("u.path LIKE :p ESCAPE '\\'").contains("u.name ILIKE :q ESCAPE '\\'");
    }

    @Test
    void absentFiltersAddNothingGivenOnesAreBoundNeverSpliced() {
        ListSql none = ListSql.from("FROM t").equal("t.a", "a", null).equal("t.b", "b", "  ")
                .contains("c", "", "t.c").filter("t.d = :d", "d", null).when(false, "t.e");
        assertThat(none.whereClause()).isEqualTo(" WHERE TRUE ");
        assertThat(none.params()).isEmpty();

        ListSql some = ListSql.from("FROM t").equal("t.a", "a", " x' OR 1=1 -- ").when(true, "t.e IS NULL");
        assertThat(some.whereClause()).isEqualTo(" WHERE (t.a = :a) AND (t.e IS NULL) ");
        assertThat(some.params()).containsEntry("a", "x' OR 1=1 --");
    }

    @Test
    void theDataScopePredicateIsComposedWithItsBoundValues() {
        DataScope scope = new DataScope(DataScope.Kind.UNIT_AND_BELOW, 7, 5, "/1/5/");
        ListSql list = ListSql.from("FROM c").scope(scope, "c.unit_id", "c.created_by").equal("c.type", "type", "X");
        assertThat(list.whereClause()).startsWith(" WHERE ((c.unit_id IN (SELECT scope_u.id FROM platform_unit scope_u "
                + "WHERE scope_u.path LIKE :scopeUnitPath))) AND (c.type = :type)");
        assertThat(list.params()).containsEntry("scopeUnitPath", "/1/5/%").containsEntry("type", "X");

        DataScope self = new DataScope(DataScope.Kind.SELF, 7, 5, "/1/5/");
        assertThat(ListSql.from("FROM c").scope(self, "c.unit_id", null).whereClause()).isEqualTo(" WHERE (FALSE) ");
    }

    @Test
    void aParameterBoundTwiceWithDifferentValuesIsAProgrammingError() {
        assertThatThrownBy(() -> ListSql.from("FROM t").param("a", 1).param("a", 2))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ListSql.from("FROM t").param("a", 1).param("a", 1).params()).containsEntry("a", 1);
    }

    @Test
    void sortsComeOnlyFromTheWhitelistAnUnknownKeyIsABadRequestNamingSort() {
        ListQuery byName = new ListQuery(0, 20, "name", "desc");
        assertThat(ListSql.from("FROM e").orderBy(byName, SORTS, "created", true, "e.id").orderClause())
                .isEqualTo(" ORDER BY e.name DESC, e.id ");

        ListQuery unsorted = new ListQuery(0, 20, null, null);
        assertThat(ListSql.from("FROM e").orderBy(unsorted, SORTS, "created", true, "e.id").orderClause())
                .isEqualTo(" ORDER BY e.created_at DESC, e.id ");
        assertThat(ListSql.from("FROM e").orderBy(unsorted, SORTS, "name", "e.id").orderClause())
                .isEqualTo(" ORDER BY e.name ASC, e.id ");

        ListQuery injected = new ListQuery(0, 20, "name; DROP TABLE e", "asc");
        assertThatThrownBy(() -> ListSql.from("FROM e").orderBy(injected, SORTS, "name", "e.id"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("sort"));
        ListQuery unknown = new ListQuery(0, 20, "password", "asc");
        assertThatThrownBy(() -> ListSql.from("FROM e").orderBy(unknown, SORTS, "name", false, "e.id"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.problems().get(0).field()).isEqualTo("sort"));
    }

    @Test
    void pagesAreBoundedSizeOneToMaxPageZeroToMaxPage() {
        ListQuery huge = new ListQuery(Integer.MAX_VALUE, Integer.MAX_VALUE, null, null);
        assertThat(huge.pageSize()).isEqualTo(ListQuery.MAX_SIZE);
        assertThat(huge.offset()).isEqualTo(ListQuery.MAX_PAGE * ListQuery.MAX_SIZE);

        ListQuery negative = new ListQuery(-5, -5, null, null);
        assertThat(negative.pageNumber()).isZero();
        assertThat(negative.pageSize()).isEqualTo(1);
        assertThat(negative.offset()).isZero();

        ListQuery defaults = new ListQuery(null, null, null, null);
        assertThat(defaults.pageSize()).isEqualTo(ListQuery.DEFAULT_SIZE);
        assertThat(defaults.offset()).isZero();
        assertThat(new ListQuery(3, 25, null, null).offset()).isEqualTo(75);
    }
}
