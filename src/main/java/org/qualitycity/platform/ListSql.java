package org.qualitycity.platform;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one builder of filtered, sorted and paged lists (DESIGN §14): every list query of every module is
 * written with it, so that each list gets the same guarantees.
 * <ul>
 *   <li><b>Bound parameters only.</b> Predicates are SQL text written by the repository (column names,
 *       constants); every value from a request goes in as a named parameter.</li>
 *   <li><b>Escaped LIKE.</b> {@link #contains} and {@link #startsWith} escape {@code \}, {@code %} and
 *       {@code _} and say {@code ESCAPE '\'}, so a search for {@code 50%} finds "50%" and nothing else.</li>
 *   <li><b>Whitelisted sorts.</b> {@link #orderBy(ListQuery, Map, String, boolean, String)} takes the
 *       sort keys a list offers; an unknown key is a 400 naming {@code sort} (see
 *       {@link ListQuery#orderBy}); a unique tie-breaker keeps pages stable.</li>
 *   <li><b>Bounded pages</b> from {@link ListQuery} (size 1…{@value ListQuery#MAX_SIZE}, page
 *       0…{@value ListQuery#MAX_PAGE}) and the total count in the {@link PageResult}.</li>
 *   <li><b>Data scope.</b> {@link #scope} composes {@link DataScope#predicate}; a module's own scope
 *       (e.g. {@code EnterpriseScope.predicate}) goes in through {@link #where(String, Map)}.</li>
 * </ul>
 * Usage:
 * <pre>{@code
 * ListSql.from("FROM enterprise e JOIN platform_unit u ON u.id = e.unit_id")
 *        .where(scope.predicate("e.id", "e.unit_id"), scope.params())
 *        .contains("text", f.text(), "e.name", "e.credit_code")
 *        .equal("e.status", "status", f.status())
 *        .orderBy(q, SORTS, "name", false, "e.id")
 *        .page(jdbc, SELECT, this::map, q);
 * }</pre>
 * Not thread-safe; one instance per query.
 */
public final class ListSql {

    /** The escape character of every LIKE pattern this builder writes. */
    public static final char LIKE_ESCAPE = '\\';
    /** What follows {@code LIKE :pattern} for a pattern made by {@link #escapeLike} or {@link #containsPattern}. */
    public static final String ESCAPE_CLAUSE = " ESCAPE '" + LIKE_ESCAPE + "'";

    private final String from;
    private final List<String> predicates = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();
    private String orderBy = "";

    private ListSql(String from) {
        this.from = " " + Objects.requireNonNull(from).strip() + " ";
    }

    /** A list over {@code from} ("FROM table t JOIN …"): the tables of the count and of the rows. */
    public static ListSql from(String from) {
        return new ListSql(from);
    }

    /**
     * {@code text} as a LIKE pattern that matches it literally: {@code \}, {@code %} and {@code _} are
     * escaped with {@link #LIKE_ESCAPE}. Use with {@code LIKE … ESCAPE '\'}.
     */
    public static String escapeLike(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                out.append(LIKE_ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A LIKE pattern that matches any text containing {@code text} (trimmed) literally. */
    public static String containsPattern(String text) {
        return "%" + escapeLike(text.strip()) + "%";
    }

    private static boolean absent(Object value) {
        return value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }

    // ------------------------------------------------------------------ predicates

    /** A predicate that always applies (SQL written by the repository, no values from requests). */
    public ListSql where(String predicate) {
        predicates.add("(" + predicate + ")");
        return this;
    }

    /** A predicate that always applies, with the values it refers to (e.g. a module's scope predicate). */
    public ListSql where(String predicate, Map<String, ?> values) {
        values.forEach(this::param);
        return where(predicate);
    }

    /** A predicate that applies when {@code condition} holds. */
    public ListSql when(boolean condition, String predicate) {
        return condition ? where(predicate) : this;
    }

    /** The caller's data scope over the record's unit column (and owner column for SELF; may be null). */
    public ListSql scope(DataScope scope, String unitColumn, String ownerColumn) {
        return where(scope.predicate(unitColumn, ownerColumn), scope.params());
    }

    /**
     * {@code predicate} with {@code :name} bound to {@code value}, when a value is given (not null, not
     * blank, not an empty collection); otherwise no filter.
     */
    public ListSql filter(String predicate, String name, Object value) {
        if (absent(value)) {
            return this;
        }
        param(name, value);
        return where(predicate);
    }

    /** {@code column = :name} when a value is given (strings are trimmed). */
    public ListSql equal(String column, String name, Object value) {
        return filter(column + " = :" + name, name, value instanceof String s ? s.strip() : value);
    }

    /**
     * Any of {@code columns} contains {@code text} literally (LIKE, case-sensitive), when a text is given;
     * the text is trimmed and its wildcards escaped.
     */
    public ListSql contains(String name, String text, String... columns) {
        return like("LIKE", name, text, true, columns);
    }

    /** As {@link #contains}, ignoring case (ILIKE). */
    public ListSql containsIgnoringCase(String name, String text, String... columns) {
        return like("ILIKE", name, text, true, columns);
    }

    /** {@code column} starts with {@code prefix} literally (e.g. a unit path for "this unit and below"). */
    public ListSql startsWith(String column, String name, String prefix) {
        return like("LIKE", name, prefix, false, column);
    }

    private ListSql like(String operator, String name, String text, boolean anywhere, String... columns) {
        if (absent(text)) {
            return this;
        }
        if (columns.length == 0) {
            throw new IllegalArgumentException("no column to search");
        }
        String value = anywhere ? text.strip() : text;
        param(name, (anywhere ? "%" : "") + escapeLike(value) + "%");
        List<String> any = new ArrayList<>();
        for (String column : columns) {
            any.add(column + " " + operator + " :" + name + ESCAPE_CLAUSE);
        }
        return where(String.join(" OR ", any));
    }

    /**
     * A bound value that a predicate, the select list or the order refers to. Binding the same name twice
     * with different values is a programming error.
     */
    public ListSql param(String name, Object value) {
        if (params.containsKey(name) && !Objects.equals(params.get(name), value)) {
            throw new IllegalStateException("parameter :" + name + " bound twice");
        }
        params.put(name, value);
        return this;
    }

    // ------------------------------------------------------------------ order

    /**
     * The order from the request's sort key, looked up in {@code allowed} (key → SQL expression written by
     * the repository). Without a sort key: {@code defaultKey}, descending if {@code defaultDescending}
     * (the request's {@code dir} applies to the key it names). An unknown key is a 400 naming {@code sort}.
     */
    public ListSql orderBy(ListQuery q, Map<String, String> allowed, String defaultKey, boolean defaultDescending,
                           String tieBreaker) {
        ListQuery effective = q.sort() == null || q.sort().isBlank()
                ? new ListQuery(q.page(), q.size(), defaultKey, defaultDescending ? "desc" : "asc")
                : q;
        orderBy = effective.orderBy(allowed, defaultKey, tieBreaker);
        return this;
    }

    /** As above; without a sort key {@code defaultKey} in the request's {@code dir} (ascending by default). */
    public ListSql orderBy(ListQuery q, Map<String, String> allowed, String defaultKey, String tieBreaker) {
        orderBy = q.orderBy(allowed, defaultKey, tieBreaker);
        return this;
    }

    /** A fixed order (lists that offer no sort keys); written by the repository, never from a request. */
    public ListSql orderBy(String fixedOrder) {
        orderBy = " ORDER BY " + fixedOrder + " ";
        return this;
    }

    // ------------------------------------------------------------------ results

    /** " WHERE …" with every predicate (" WHERE TRUE" when there is none). */
    public String whereClause() {
        return predicates.isEmpty() ? " WHERE TRUE " : " WHERE " + String.join(" AND ", predicates) + " ";
    }

    /** The bound values of the predicates (a copy). */
    public Map<String, Object> params() {
        return new HashMap<>(params);
    }

    /** " ORDER BY …" as chosen, or empty. */
    public String orderClause() {
        return orderBy;
    }

    /** The number of rows that match. */
    public long count(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*)" + from + whereClause()).params(params).query(Long.class).single();
    }

    /**
     * One page: the total and the rows of {@code q}'s page. {@code select} is the row query up to its WHERE
     * ("SELECT … FROM …") over the same tables as {@link #from}.
     */
    public <T> PageResult<T> page(JdbcClient jdbc, String select, RowMapper<T> mapper, ListQuery q) {
        long total = count(jdbc);
        List<T> rows = total == 0 ? Collections.emptyList()
                : rows(jdbc, select, mapper, q.pageSize(), q.offset());
        return new PageResult<>(rows, q.pageNumber(), q.pageSize(), total);
    }

    /** The rows of an export of the whole list, at most {@code limit}. */
    public <T> List<T> all(JdbcClient jdbc, String select, RowMapper<T> mapper, int limit) {
        return rows(jdbc, select, mapper, limit, 0);
    }

    /** Rows from {@code offset}, at most {@code limit} (both clamped to be non-negative). */
    public <T> List<T> rows(JdbcClient jdbc, String select, RowMapper<T> mapper, int limit, long offset) {
        return jdbc.sql(select + whereClause() + orderBy + " LIMIT :listLimit OFFSET :listOffset")
                .params(params).param("listLimit", Math.max(0, limit)).param("listOffset", Math.max(0L, offset))
                .query(mapper).list();
    }
}
