package db.migration.traceability;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.qualitycity.traceability.internal.EventHashRecompute;

/**
 * Traceability (issue 17): events stored under the first release's event hash are re-filed under the CBV 2.0 event
 * hash ID, so that a re-sent old event is recognised (see {@link EventHashRecompute}). A Java migration because the
 * hash (canonical pre-hash string, GS1 Digital Link and CBV normalisation) is computed in Java.
 */
public class V23_550__event_hash_cbv2 extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        EventHashRecompute.recompute(context.getConnection());
    }
}
