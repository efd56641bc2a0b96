package org.qualitycity.traceability.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Re-files events stored under the event hash of the first release (SHA-256 of the event's JSON with sorted member
 * names, before the CBV 2.0 event hash ID landed) under the CBV 2.0 hash ({@link EventHash}), so that a re-sent old
 * event is recognised as a duplicate. The stored body holds everything the hash reads (the capture adds only
 * {@code eventID}, {@code recordTime} and the document's {@code @context}, which the hash ignores or reads as the
 * capture does). Idempotent: rows already under their CBV 2.0 hash are left alone; a row whose CBV 2.0 hash another
 * row already has (the old event was re-sent, and stored twice, before this migration) keeps its old hash. Called
 * by the Flyway migration {@code db.migration.traceability.V23_550__event_hash_cbv2}; works on the hash column as
 * that migration found it (64 hex characters) and as V23_630 left it (32 bytes, {@code bytea}).
 */
public final class EventHashRecompute {

    private static final int CHUNK = 5_000;

    private EventHashRecompute() {
    }

    /** Recomputes the hash of every event; answers how many rows were re-filed. */
    public static int recompute(Connection c) throws SQLException {
        JsonMapper json = JsonMapper.builder().build();
        boolean bytes;
        try (PreparedStatement s = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = 'traceability_event' AND column_name = 'hash'");
             ResultSet rs = s.executeQuery()) {
            bytes = rs.next() && "bytea".equals(rs.getString(1));
        }
        String read = bytes ? "encode(hash, 'hex')" : "hash";
        String write = bytes ? "decode(v.h, 'hex')" : "v.h";
        int changed = 0;
        long after = 0;
        while (true) {
            List<Long> ids = new ArrayList<>();
            List<String> hashes = new ArrayList<>();
            Set<String> chunk = new HashSet<>();
            long last = after;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, " + read + ", body::text FROM traceability_event WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
                s.setLong(1, after);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        JsonNode body = json.readTree(rs.getString(3));
                        String id = EventHash.id(body, null);
                        String hash = id.substring("ni:///sha-256;".length(), "ni:///sha-256;".length() + 64);
                        if (!hash.equals(rs.getString(2).trim()) && chunk.add(hash)) {
                            ids.add(rs.getLong(1));
                            hashes.add(hash);
                        }
                    }
                }
            }
            if (last == after) {
                return changed;
            }
            after = last;
            if (!ids.isEmpty()) {
                try (PreparedStatement u = c.prepareStatement("UPDATE traceability_event e SET hash = " + write
                        + " FROM unnest(?::bigint[], ?::text[]) AS v(id, h) WHERE e.id = v.id"
                        + " AND NOT EXISTS (SELECT 1 FROM traceability_event x WHERE x.hash = " + write + ")")) {
                    Array a = c.createArrayOf("bigint", ids.toArray());
                    Array b = c.createArrayOf("text", hashes.toArray());
                    u.setArray(1, a);
                    u.setArray(2, b);
                    changed += u.executeUpdate();
                }
            }
        }
    }
}
