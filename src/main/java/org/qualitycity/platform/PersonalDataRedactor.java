package org.qualitycity.platform;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data from free text before it leaves through a public or masked view: mainland
 * mobile numbers in any grouping (with +86 / 0086), landline numbers, 18-digit ID numbers, bank card
 * numbers (16–19 digits that pass the Luhn check), e-mail addresses, and the record's own personal
 * values (the person's name and address as written in the record). Each finding becomes
 * {@link #MARK}. Handlers who may unmask a record read the original text, never this one.
 *
 * <p>Own values are replaced only as whole words, never a single character: in Latin script between
 * non-letters; in Chinese text, which has no spaces, by HanLP's word segmentation with person-name recognition:
 * a name (up to {@value #MAX_NAME_LENGTH} characters; longer values such as addresses are masked wherever they
 * occur) is masked where it starts and ends on word boundaries of the text (so 王刚 stays inside 老王刚才)
 * and, when the value is itself one ordinary word (a name like 测试 or 马上), only where the segmenter reads it as
 * a person's name or it stands alone between non-letters (so 测试报告 and 马上处理 stay, 投诉人马上， is masked).
 */
public final class PersonalDataRedactor {

    public static final String MARK = "***";
    /** Chinese values up to this length (names: 2–4 characters) are masked as words; longer ones wherever found. */
    static final int MAX_NAME_LENGTH = 4;

    private static final String SEP = "[ \\t\\u00a0\\-.]?";
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern ID_NUMBER = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern MOBILE = Pattern.compile(
            "(?<![0-9])(?:(?:\\+|00)\\s?86" + SEP + "|\\(\\+?86\\)\\s?)?1[3-9]\\d(?:" + SEP + "\\d){8}(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile(
            "(?<![0-9])(?<![0-9][ \\-.])(?:(?:\\+|00)\\s?86" + SEP + ")?(?:\\(0\\d{2,3}\\)\\s?|0\\d{2,3}" + SEP + ")\\d{3,4}" + SEP
                    + "\\d{4}(?:\\s?(?:\\u8f6c|ext\\.?|x)\\s?\\d{1,6})?(?![0-9])");
    private static final Pattern CARD = Pattern.compile("(?<![0-9])\\d(?:[ \\-]?\\d){15,18}(?![0-9])");

    private PersonalDataRedactor() {
    }

    /** The text with every personal datum found by pattern replaced; null stays null. */
    public static String redact(String text) {
        return redact(text, java.util.List.of());
    }

    /**
     * The text with every personal datum found by pattern and every occurrence of {@code ownValues}
     * (the record's own name, address, phone …; blanks and single characters are ignored) replaced.
     */
    public static String redact(String text, Collection<String> ownValues) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        // the record's own values first (longest first, so that an address is not cut by a name inside it)
        for (String v : ownValues.stream().filter(v -> v != null && v.strip().codePointCount(0, v.strip().length()) >= 2)
                .map(String::strip).distinct().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = replaceOwn(out, v);
        }
        out = EMAIL.matcher(out).replaceAll(MARK);
        out = ID_NUMBER.matcher(out).replaceAll(MARK);
        out = replaceCards(out);
        out = MOBILE.matcher(out).replaceAll(MARK);
        out = LANDLINE.matcher(out).replaceAll(MARK);
        return out;
    }

    private static String replaceOwn(String text, String value) {
        boolean latin = value.codePoints().anyMatch(c -> Character.isLetter(c) && c < 0x2E80);
        String quoted = Pattern.quote(value);
        if (latin || value.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + quoted + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return p.matcher(text).replaceAll(Matcher.quoteReplacement(MARK));
        }
        if (value.codePointCount(0, value.length()) > MAX_NAME_LENGTH) {
            // an address or the like: long and specific, it is no ordinary word and is replaced wherever it stands
            return text.replace(value, MARK);
        }
        if (!text.contains(value)) {
            return text;
        }
        List<Term> words = Words.SEGMENT.seg(text);
        Map<Integer, List<Term>> byStart = new HashMap<>();
        Set<Integer> ends = new HashSet<>();
        for (Term w : words) {
            byStart.computeIfAbsent(w.offset, k -> new ArrayList<>()).add(w);
            ends.add(w.offset + w.word.length());
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
            int end = at + value.length();
            if (at < from || !byStart.containsKey(at) || !ends.contains(end)) {
                continue; // overlaps the last mask, or the value is part of a longer word
            }
            Term single = byStart.get(at).stream().filter(w -> w.word.length() == value.length()).findFirst()
                    .orElse(null);
            boolean ordinaryWord = single != null && !single.nature.toString().startsWith("nr");
            boolean alone = (at == 0 || !Character.isLetter(text.codePointBefore(at)))
                    && (end == text.length() || !Character.isLetter(text.codePointAt(end)));
            if (ordinaryWord && !alone) {
                continue; // the name is an ordinary word here (测试报告, 马上处理)
            }
            out.append(text, from, at).append(MARK);
            from = end;
        }
        return from == 0 ? text : out.append(text, from, text.length()).toString();
    }

    /** HanLP's default segmenter (Viterbi, with person-name recognition), loaded on first use; thread-safe. */
    private static final class Words {
        static final Segment SEGMENT = HanLP.newSegment().enableOffset(true);
    }

    private static String replaceCards(String text) {
        Matcher m = CARD.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[ \\-]", "");
            boolean card = digits.length() >= 16 && digits.length() <= 19 && luhn(digits);
            m.appendReplacement(sb, Matcher.quoteReplacement(card ? MARK : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The Luhn (mod 10) check of bank card numbers (ISO/IEC 7812). */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
