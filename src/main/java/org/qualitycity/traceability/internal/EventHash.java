package org.qualitycity.traceability.internal;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EPCIS event hash ID of GS1's Core Business Vocabulary 2.0 (section 8.9, "EPCIS Event Hash ID"): a pre-hash
 * string made of the event's fields in the standard's canonical order, {@code name=value} without separators, values
 * normalised, lists in case-sensitive lexical order, user extensions (with their namespaces expanded) after the
 * standard fields in lexical order; its SHA-256 written as {@code ni:///sha-256;<hex>?ver=CBV2.0}.
 * <p>
 * Normalisation: surrounding white space trimmed; date-times in UTC with millisecond precision and {@code Z} (a fourth
 * decimal of 5–9 rounds up); numbers without leading or trailing zeros; CBV values (bare words or URNs) as GS1 web
 * URIs ({@code https://ref.gs1.org/cbv/BizStep-shipping}); EPC URIs ({@code urn:epc:id:…}, {@code urn:epc:class:…})
 * and GS1 Digital Links on any domain as canonical Digital Links on {@code https://id.gs1.org} without query string;
 * {@code eventID}, {@code recordTime}, comments and the event's {@code @context} do not take part.
 * Checked against the reference implementation's worked examples (GS1 Germany, epcis-event-hash-generator) and the
 * hashes written by GS1 France's epcis2.js (EventHashTest).
 */
final class EventHash {

    private EventHash() {
    }

    private static final List<String> ORDER = List.of("type", "eventTime", "eventTimeZoneOffset", "certificationInfo",
            "epcList", "parentID", "inputEPCList", "childEPCs", "quantityList", "childQuantityList", "inputQuantityList",
            "outputEPCList", "outputQuantityList", "action", "transformationID", "bizStep", "disposition",
            "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList",
            "sensorElementList", "ilmd");
    private static final List<String> QUANTITY = List.of("epcClass", "quantity", "uom");
    private static final List<String> ID = List.of("id");
    private static final List<String> BIZ_TRANSACTION = List.of("type", "bizTransaction");
    private static final List<String> SOURCE = List.of("type", "source");
    private static final List<String> DESTINATION = List.of("type", "destination");
    private static final List<String> PERSISTENT = List.of("set", "unset");
    private static final List<String> SENSOR_ELEMENT = List.of("sensorMetadata", "sensorReport");
    private static final List<String> SENSOR_METADATA = List.of("time", "startTime", "endTime", "deviceID",
            "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules");
    private static final List<String> SENSOR_REPORT = List.of("type", "exception", "deviceID", "deviceMetadata",
            "rawData", "dataProcessingMethod", "time", "microorganism", "chemicalSubstance", "value", "component",
            "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev",
            "percRank", "percValue", "uom", "coordinateReferenceSystem");
    private static final Set<String> EVENT_FIELDS = Set.copyOf(ORDER);
    private static final Set<String> QUANTITY_FIELDS = Set.copyOf(QUANTITY);
    private static final Set<String> SENSOR_ELEMENT_FIELDS = Set.copyOf(SENSOR_ELEMENT);
    private static final Set<String> SENSOR_METADATA_FIELDS = Set.copyOf(SENSOR_METADATA);
    private static final Set<String> SENSOR_REPORT_FIELDS = Set.copyOf(SENSOR_REPORT);
    private static final Set<String> IGNORED = Set.of("eventID", "recordTime", "@context", "rdfs:comment", "comment");
    private static final Set<String> EPC_LISTS = Set.of("epcList", "inputEPCList", "childEPCs", "outputEPCList");
    private static final Set<String> QUANTITY_LISTS = Set.of("quantityList", "childQuantityList", "inputQuantityList",
            "outputQuantityList");
    /** The prefixes of the EPCIS 2.0 JSON-LD context that user fields may use. */
    private static final Map<String, String> DEFAULT_CONTEXT = Map.of("epcis", "https://ref.gs1.org/epcis/",
            "cbv", "https://ref.gs1.org/cbv/", "cbvmda", "urn:epcglobal:cbv:mda:", "gs1", "https://gs1.org/voc/",
            "rdfs", "http://www.w3.org/2000/01/rdf-schema#", "owl", "http://www.w3.org/2002/07/owl#",
            "xsd", "http://www.w3.org/2001/XMLSchema#", "dcterms", "http://purl.org/dc/terms/");
    private static final Set<String> BTT = Set.of("bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder",
            "recadv", "rma", "testprd", "testres", "upevt");
    private static final Set<String> SDT = Set.of("owning_party", "possessing_party", "location");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern OFFSET_AT_END = Pattern.compile(".*[+-]\\d{2}:\\d{2}$");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** GS1 primary keys of Digital Link URIs with the digits their value has. */
    private static final Pattern DL_KEY = Pattern.compile(
            "/(01/(?:\\d{14}|\\d{13}|\\d{12}|\\d{8})|00/\\d{18}|414/\\d{13}|417/\\d{13}|8003/\\d{14}|8004/\\d|8018/\\d{18}"
                    + "|253/\\d{13}|255/\\d{13}|401/\\d|402/\\d{17}|8006/\\d{18}|8010/\\d|8013/\\d|8017/\\d{18})");

    /** The event hash ID, {@code ni:///sha-256;…?ver=CBV2.0}. */
    static String id(JsonNode event, JsonNode context) {
        return id(digest(event, context));
    }

    /** The event hash ID of a digest from {@link #digest}. */
    static String id(byte[] digest) {
        return "ni:///sha-256;" + HexFormat.of().formatHex(digest) + "?ver=CBV2.0";
    }

    /** The 32 bytes of the event's SHA-256 (what the event table stores in {@code hash}). */
    static byte[] digest(JsonNode event, JsonNode context) {
        return sha256Bytes(preHash(event, context));
    }

    static String sha256(String preHash) {
        return HexFormat.of().formatHex(sha256Bytes(preHash));
    }

    private static final MessageDigest SHA256_PROTOTYPE;

    static {
        try {
            SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] sha256Bytes(String preHash) {
        MessageDigest md;
        try {
            md = (MessageDigest) SHA256_PROTOTYPE.clone(); // cheaper than the provider look-up of getInstance
        } catch (CloneNotSupportedException e) {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException x) {
                throw new IllegalStateException(x);
            }
        }
        return md.digest(preHash.getBytes(StandardCharsets.UTF_8));
    }

    /** The pre-hash string of an event; {@code context} is the document's {@code @context} (or null). */
    static String preHash(JsonNode event, JsonNode context) {
        Map<String, String> ns = DEFAULT_CONTEXT; // a copy only when the document or the event declares prefixes
        if (declares(context) || declares(event.get("@context")) || xmlns(event)) {
            ns = new HashMap<>(DEFAULT_CONTEXT);
            collect(context, ns);
            collect(event.get("@context"), ns);
            namespaces(event, ns);
        }
        List<String> extensions = new ArrayList<>();
        String ordered = ordered(event, ORDER, ns, extensions, true);
        return ordered + sorted(extensions);
    }

    /** Whether a context declares prefixes (an object, or an array holding one). */
    private static boolean declares(JsonNode context) {
        if (context == null) {
            return false;
        }
        if (context.isObject()) {
            return true;
        }
        if (context.isArray()) {
            for (JsonNode c : context) {
                if (declares(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an {@code @xmlns:…} member occurs anywhere in the tree. */
    private static boolean xmlns(JsonNode n) {
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (e.getKey().startsWith("@xmlns:") || (e.getValue().isContainer() && xmlns(e.getValue()))) {
                    return true;
                }
            }
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                if (x.isContainer() && xmlns(x)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collect(JsonNode context, Map<String, String> ns) {
        if (context == null) {
            return;
        }
        if (context.isArray()) {
            context.forEach(c -> collect(c, ns));
        } else if (context.isObject()) {
            context.properties().forEach(e -> {
                if (e.getValue().isString()) {
                    ns.put(e.getKey(), e.getValue().asString());
                }
            });
        }
    }

    /** Namespaces declared inside the event ({@code "@xmlns:example": "…"}, JSON converted from XML). */
    private static void namespaces(JsonNode n, Map<String, String> ns) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                if (e.getKey().startsWith("@xmlns:") && e.getValue().isString()) {
                    ns.put(e.getKey().substring(7), e.getValue().asString());
                } else {
                    namespaces(e.getValue(), ns);
                }
            });
        } else if (n.isArray()) {
            n.forEach(x -> namespaces(x, ns));
        }
    }

    private static String sorted(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> copy = new ArrayList<>(parts);
        Collections.sort(copy);
        return String.join("", copy);
    }

    /** The fields of an object named in the order list, in that order; other fields go to {@code extensions}. */
    private static String ordered(JsonNode object, List<String> order, Map<String, String> ns, List<String> extensions,
                                  boolean event) {
        StringBuilder sb = new StringBuilder();
        for (String field : order) {
            JsonNode v = object.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                sb.append(list(field, v, ns, extensions));
                continue;
            }
            switch (field) {
                case "type" -> {
                    String t = v.asString("");
                    if (order == SENSOR_REPORT && !t.contains(":")) {
                        t = "https://gs1.org/voc/" + t;
                    }
                    sb.append(event ? "eventType" : "type").append('=').append(value(t));
                }
                case "readPoint", "bizLocation", "sensorMetadata", "persistentDisposition" -> {
                    List<String> inner = new ArrayList<>();
                    List<String> sub = field.equals("sensorMetadata") ? SENSOR_METADATA
                            : field.equals("persistentDisposition") ? PERSISTENT : ID;
                    sb.append(field).append(ordered(v, sub, ns, inner, false));
                    if (!inner.isEmpty()) {
                        extensions.add(field + sorted(inner));
                    }
                }
                case "ilmd" -> sb.append("ilmd").append(children(v, ns));
                case "bizStep" -> sb.append("bizStep=").append(value(vocabulary(v.asString(""), Epcis.BIZ_STEPS, "BizStep-")));
                case "disposition" -> sb.append("disposition=")
                        .append(value(vocabulary(v.asString(""), Epcis.DISPOSITIONS, "Disp-")));
                case "exception" -> sb.append("exception=").append(value(v.asString("").contains(":") ? v.asString("")
                        : "https://gs1.org/voc/" + v.asString("")));
                case "component" -> sb.append("component=").append(value(v.asString("").contains(":") ? v.asString("")
                        : "https://ref.gs1.org/cbv/Comp-" + v.asString("")));
                default -> sb.append(field).append('=').append(scalar(v));
            }
        }
        object.properties().forEach(e -> {
            if (!known(order, e.getKey()) && !IGNORED.contains(e.getKey()) && !e.getKey().startsWith("@xmlns")) {
                String ext = custom(e.getKey(), e.getValue(), ns);
                if (!ext.isEmpty()) {
                    extensions.add(ext);
                }
            }
        });
        return sb.toString();
    }

    /** Whether a field is one of the order list's (a hash set for the long lists: this runs for every field). */
    private static boolean known(List<String> order, String field) {
        if (order == ORDER) {
            return EVENT_FIELDS.contains(field);
        } else if (order == QUANTITY) {
            return QUANTITY_FIELDS.contains(field);
        } else if (order == SENSOR_ELEMENT) {
            return SENSOR_ELEMENT_FIELDS.contains(field);
        } else if (order == SENSOR_METADATA) {
            return SENSOR_METADATA_FIELDS.contains(field);
        } else if (order == SENSOR_REPORT) {
            return SENSOR_REPORT_FIELDS.contains(field);
        }
        return order.contains(field);
    }

    private static String list(String field, JsonNode list, Map<String, String> ns, List<String> extensions) {
        if (list.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String prefix = field;
        if (EPC_LISTS.contains(field)) {
            list.forEach(x -> parts.add("epc=" + scalar(x)));
        } else if (QUANTITY_LISTS.contains(field)) {
            list.forEach(x -> {
                List<String> inner = new ArrayList<>();
                parts.add("quantityElement" + ordered(x, QUANTITY, ns, inner, false));
                inner.forEach(i -> extensions.add("quantityElement" + i));
            });
        } else if (field.equals("bizTransactionList") || field.equals("sourceList") || field.equals("destinationList")) {
            String element = field.substring(0, field.length() - 4);
            List<String> order = field.equals("bizTransactionList") ? BIZ_TRANSACTION
                    : field.equals("sourceList") ? SOURCE : DESTINATION;
            list.forEach(x -> {
                JsonNode el = x;
                String type = x.path("type").asString(null);
                if (type != null) {
                    String full = field.equals("bizTransactionList") ? vocabulary(type, BTT, "BTT-")
                            : vocabulary(type, SDT, "SDT-");
                    el = x.deepCopy();
                    ((tools.jackson.databind.node.ObjectNode) el).put("type", full);
                }
                List<String> inner = new ArrayList<>();
                parts.add(ordered(el, order, ns, inner, false));
                inner.forEach(i -> extensions.add(element + i));
            });
        } else if (field.equals("set") || field.equals("unset")) {
            prefix = "";
            list.forEach(x -> parts.add(field + "=" + value(vocabulary(x.asString(""), Epcis.DISPOSITIONS, "Disp-"))));
        } else if (field.equals("sensorElementList")) {
            List<String> local = new ArrayList<>();
            list.forEach(x -> {
                List<String> inner = new ArrayList<>();
                parts.add("sensorElement" + ordered(x, SENSOR_ELEMENT, ns, inner, false));
                if (!inner.isEmpty()) {
                    local.add("sensorElement" + sorted(inner));
                }
            });
            if (!local.isEmpty()) {
                extensions.add("sensorElementList" + sorted(local));
            }
        } else if (field.equals("sensorReport")) {
            prefix = "";
            list.forEach(x -> {
                List<String> inner = new ArrayList<>();
                parts.add("sensorReport" + ordered(x, SENSOR_REPORT, ns, inner, false));
                if (!inner.isEmpty()) {
                    extensions.add("sensorReport" + sorted(inner));
                }
            });
        } else {
            list.forEach(x -> parts.add(scalar(x)));
        }
        return prefix + sorted(parts);
    }

    /** A user field: its name with the namespace expanded ({@code {http://ns.example.com/epcis/}myField}). */
    private static String custom(String key, JsonNode value, Map<String, String> ns) {
        if (IGNORED.contains(key) || key.startsWith("@xmlns")) {
            return "";
        }
        if (key.startsWith("#")) {
            return "=" + scalar(value);
        }
        int colon = key.indexOf(':');
        String name = colon > 0 && ns.containsKey(key.substring(0, colon))
                ? "{" + ns.get(key.substring(0, colon)) + "}" + key.substring(colon + 1) : key;
        if (value.isObject()) {
            return name + children(value, ns);
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(x -> parts.add(x.isObject() ? name + children(x, ns) : name + "=" + scalar(x)));
            return sorted(parts);
        }
        return name + "=" + scalar(value);
    }

    private static String children(JsonNode object, Map<String, String> ns) {
        List<String> parts = new ArrayList<>();
        object.properties().forEach(e -> parts.add(custom(e.getKey(), e.getValue(), ns)));
        return sorted(parts);
    }

    private static String vocabulary(String v, Set<String> words, String web) {
        String t = v.trim();
        return words.contains(t) ? "https://ref.gs1.org/cbv/" + web + t : t;
    }

    private static String scalar(JsonNode v) {
        if (v.isNumber()) {
            return number(v.decimalValue());
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? "true" : "false";
        }
        return value(v.asString(""));
    }

    private static String number(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0, RoundingMode.UNNECESSARY).toPlainString() : s.toPlainString();
    }

    /** A text value normalised: trimmed, date-time, CBV URN, EPC URI or Digital Link, number. */
    static String value(String raw) {
        String v = raw.trim();
        if (v.isEmpty()) {
            return v;
        }
        if (v.length() >= 16 && v.charAt(4) == '-' && v.charAt(10) == 'T') {
            String t = fastTime(v);
            if (t == null && DATE_TIME.matcher(v).matches()) {
                t = time(v);
            }
            if (t != null) {
                return t;
            }
        }
        v = webVocabulary(v);
        String dl = digitalLink(v);
        if (dl != null) {
            return dl;
        }
        char c = v.charAt(0);
        if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && NUMBER.matcher(v).matches()) {
            try {
                return number(new BigDecimal(v));
            } catch (NumberFormatException e) {
                return v;
            }
        }
        return v;
    }

    /**
     * The common date-times ({@code yyyy-MM-ddTHH:mm[:ss[.f…]]} with {@code Z}, {@code ±HH:MM} or nothing) normalised
     * like {@link #time} without the formatter machinery; null when the text is anything else (then {@link #time}
     * decides, so both give the same answer for every input).
     */
    static String fastTime(String v) {
        long[] p = fastParse(v);
        if (p == null) {
            return null;
        }
        long epochSecond = p[0];
        long nanos = p[1];
        long millis = nanos / 1_000_000 + (nanos % 1_000_000 >= 500_000 ? 1 : 0);
        long epochMillis = epochSecond * 1000 + millis;
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long ms = Math.floorMod(epochMillis, 86_400_000L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        if (d.getYear() < 1 || d.getYear() > 9999) {
            return null;
        }
        char[] out = new char[24];
        put(out, 0, d.getYear(), 4);
        out[4] = '-';
        put(out, 5, d.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, d.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, (int) (ms / 3_600_000), 2);
        out[13] = ':';
        put(out, 14, (int) (ms / 60_000 % 60), 2);
        out[16] = ':';
        put(out, 17, (int) (ms / 1000 % 60), 2);
        out[19] = '.';
        put(out, 20, (int) (ms % 1000), 3);
        out[23] = 'Z';
        return new String(out);
    }

    /**
     * The instant of a date-time with offset in the common form, as {@code OffsetDateTime.parse} reads it (full
     * precision); null when the text has no offset or is anything else (then the caller's parser decides).
     */
    static Instant fastInstant(String v) {
        long[] p = fastParse(v);
        return p == null || p[2] == 0 ? null : Instant.ofEpochSecond(p[0], p[1]);
    }

    /** Epoch second, nanosecond and whether an offset was written, of the common form; null for anything else. */
    private static long[] fastParse(String v) {
        int n = v.length();
        if (n < 16 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) {
            return null;
        }
        int i = 16;
        int second = 0;
        long nanos = 0;
        if (i < n && v.charAt(i) == ':') {
            second = digits(v, i + 1, 2);
            if (second < 0) {
                return null;
            }
            i += 3;
            if (i < n && v.charAt(i) == '.') {
                int start = ++i;
                while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                    i++;
                }
                int len = i - start;
                if (len < 1 || len > 9) {
                    return null;
                }
                nanos = digits(v, start, len);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        int offsetSeconds;
        long offsetGiven = 1;
        if (i == n) {
            offsetSeconds = 0;
            offsetGiven = 0;
        } else if (i == n - 1 && v.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int oh = digits(v, i + 1, 2);
            int om = digits(v, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 17 || om > 59) {
                return null; // ±18:00 and invalid offsets: the formatter decides
            }
            offsetSeconds = (oh * 3600 + om * 60) * (v.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.YearMonth.of(year, month)
                .lengthOfMonth() || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochSecond = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L
                + second - offsetSeconds;
        return new long[] {epochSecond, nanos, offsetGiven};
    }

    /** The non-negative number written by {@code len} ASCII digits at {@code at}; -1 if any is not a digit. */
    private static int digits(String v, int at, int len) {
        if (at + len > v.length()) {
            return -1;
        }
        int r = 0;
        for (int k = at; k < at + len; k++) {
            char c = v.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            r = r * 10 + (c - '0');
        }
        return r;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int k = at + width - 1; k >= at; k--) {
            out[k] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static String time(String v) {
        try {
            Instant i;
            if (v.endsWith("Z") || OFFSET_AT_END.matcher(v).matches()) {
                i = OffsetDateTime.parse(v).toInstant();
            } else {
                i = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
            // millisecond precision, half up (…03.1415Z → …03.142Z)
            long nanos = i.getNano() % 1_000_000;
            i = i.minusNanos(nanos);
            if (nanos >= 500_000) {
                i = i.plusMillis(1);
            }
            return MILLIS.format(i);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final String[][] CBV_URNS = {{"urn:epcglobal:cbv:bizstep:", "BizStep-"},
            {"urn:epcglobal:cbv:disp:", "Disp-"}, {"urn:epcglobal:cbv:btt:", "BTT-"}, {"urn:epcglobal:cbv:sdt:", "SDT-"},
            {"urn:epcglobal:cbv:er:", "ER-"}};

    private static String webVocabulary(String v) {
        if (!v.startsWith("urn:epcglobal:cbv:")) {
            return v;
        }
        for (String[] m : CBV_URNS) {
            if (v.startsWith(m[0])) {
                return "https://ref.gs1.org/cbv/" + m[1] + v.substring(m[0].length());
            }
        }
        return v;
    }

    /** The canonical Digital Link of an EPC URI or of a Digital Link on any domain; null for other values. */
    static String digitalLink(String v) {
        if (v.startsWith("urn:epc:id:") || v.startsWith("urn:epc:class:") || v.startsWith("urn:epc:idpat:")) {
            return epcUri(v);
        }
        if (v.startsWith("https://") || v.startsWith("http://")) {
            int q = v.indexOf('?');
            String s = q >= 0 ? v.substring(0, q) : v;
            int f = s.indexOf('#');
            s = f >= 0 ? s.substring(0, f) : s;
            int start = s.indexOf('/', s.indexOf("//") + 2);
            if (start < 0) {
                return null;
            }
            Matcher m = DL_KEY.matcher(s);
            if (!m.find(start)) {
                return null;
            }
            String path = s.substring(m.start());
            if (path.startsWith("/01/")) {
                int end = path.indexOf('/', 4);
                String gtin = end < 0 ? path.substring(4) : path.substring(4, end);
                path = "/01/" + "0".repeat(14 - gtin.length()) + gtin + (end < 0 ? "" : path.substring(end));
            }
            return "https://id.gs1.org" + path;
        }
        return null;
    }

    /** EPC URIs (Tag Data Standard) as canonical Digital Links: SGTIN, LGTIN, SSCC, SGLN, PGLN, GRAI, GIAI, GSRN, GDTI. */
    private static String epcUri(String v) {
        String[] p = v.split(":", 5);
        if (p.length < 5) {
            return null;
        }
        String scheme = p[3];
        String[] f = p[4].split("\\.", -1);
        try {
            return switch (scheme) {
                case "sgtin" -> v.startsWith("urn:epc:idpat:") && f.length == 3 && f[2].equals("*")
                        ? "https://id.gs1.org/01/" + gtin(f[0], f[1])
                        : f.length == 3 ? "https://id.gs1.org/01/" + gtin(f[0], f[1]) + "/21/" + serial(f[2]) : null;
                case "lgtin" -> f.length == 3 ? "https://id.gs1.org/01/" + gtin(f[0], f[1]) + "/10/" + serial(f[2]) : null;
                case "sscc" -> f.length == 2 ? "https://id.gs1.org/00/" + withCheck(f[1].charAt(0) + f[0] + f[1].substring(1))
                        : null;
                case "sgln" -> f.length == 3 ? "https://id.gs1.org/414/" + withCheck(f[0] + f[1])
                        + (f[2].equals("0") || f[2].isEmpty() ? "" : "/254/" + serial(f[2])) : null;
                case "pgln" -> f.length == 2 ? "https://id.gs1.org/417/" + withCheck(f[0] + f[1]) : null;
                case "grai" -> f.length == 3 ? "https://id.gs1.org/8003/0" + withCheck(f[0] + f[1]) + serial(f[2]) : null;
                case "giai" -> f.length == 2 ? "https://id.gs1.org/8004/" + f[0] + serial(f[1]) : null;
                case "gsrn" -> f.length == 2 ? "https://id.gs1.org/8018/" + withCheck(f[0] + f[1]) : null;
                case "gdti" -> f.length == 3 ? "https://id.gs1.org/253/" + withCheck(f[0] + f[1]) + serial(f[2]) : null;
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String gtin(String companyPrefix, String indicatorAndItem) {
        return withCheck(indicatorAndItem.charAt(0) + companyPrefix + indicatorAndItem.substring(1));
    }

    private static String withCheck(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw new IllegalArgumentException("digits");
            }
        }
        return digits + org.qualitycity.traceability.DigitalLink.checkDigit(digits);
    }

    /** A serial or lot of an EPC URI (which escapes some characters as %XX) percent-encoded as in a Digital Link. */
    private static String serial(String s) {
        return org.qualitycity.traceability.DigitalLink.encode(org.qualitycity.traceability.DigitalLink.decode(s));
    }
}
