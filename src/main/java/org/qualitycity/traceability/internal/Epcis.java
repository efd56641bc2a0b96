package org.qualitycity.traceability.internal;

import org.qualitycity.traceability.DigitalLink;

import java.util.Set;

/** CBV 2.0 vocabulary and identifier normalisation shared by capture, query and the pages. */
public final class Epcis {

    private Epcis() {
    }

    public static final String CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";
    public static final Set<String> TYPES = Set.of("ObjectEvent", "AggregationEvent", "TransformationEvent",
            "AssociationEvent", "TransactionEvent");
    public static final Set<String> ACTIONS = Set.of("ADD", "OBSERVE", "DELETE");
    /** CBV 2.0 business steps (section 7.2). */
    public static final Set<String> BIZ_STEPS = Set.of("accepting", "arriving", "assembling", "collecting",
            "commissioning", "consigning", "creating_class_instance", "cycle_counting", "decommissioning", "departing",
            "destroying", "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
            "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing", "repackaging",
            "repairing", "replacing", "reserving", "retail_selling", "sampling", "sensor_reporting", "shipping",
            "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading", "unpacking",
            "void_shipping");
    /** CBV 2.0 dispositions (section 7.3). */
    public static final Set<String> DISPOSITIONS = Set.of("active", "available", "completeness_inferred",
            "completeness_verified", "conformant", "container_closed", "container_open", "damaged", "destroyed",
            "dispensed", "disposed", "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_instance",
            "mismatch_class", "mismatch_quantity", "needs_replacement", "no_pedigree_match", "non_conformant",
            "non_sellable_other", "partially_dispensed", "recalled", "reserved", "retail_sold", "returned",
            "sellable_accessible", "sellable_not_accessible", "stolen", "unavailable", "unknown");

    /** A bare CBV word for a business step given as a word, a URN or a GS1 web URI; other URIs stay as they are. */
    public static String bizStep(String v) {
        return strip(v, "urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-");
    }

    public static String disposition(String v) {
        return strip(v, "urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-");
    }

    private static String strip(String v, String urn, String web) {
        if (v == null) {
            return null;
        }
        if (v.startsWith(urn)) {
            return v.substring(urn.length());
        }
        if (v.startsWith(web)) {
            return v.substring(web.length());
        }
        return v;
    }

    /** Digital Link URIs on any domain become GS1's canonical id.gs1.org form; other identifiers stay as they are. */
    public static String identifier(String uri) {
        if (uri != null && uri.contains("/01/") && (uri.startsWith("https://") || uri.startsWith("http://"))) {
            return DigitalLink.parse(uri).map(l -> "https://id.gs1.org" + l.path()).orElse(uri);
        }
        return uri;
    }

    private static final java.util.regex.Pattern URI = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");

    /** Whether the text looks like an absolute URI (scheme ':' rest), as EPCIS requires for identifiers. */
    public static boolean isUri(String v) {
        return v != null && v.length() <= 300 && URI.matcher(v).matches();
    }

    /** The location URI of a registered enterprise. */
    public static String location(String creditCode) {
        return "urn:qualitycity:loc:" + creditCode;
    }
}
