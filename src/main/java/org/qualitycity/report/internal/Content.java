package org.qualitycity.report.internal;

import java.util.List;

/** What a report says, before it is laid out in Word: chapters with a title, text, tables and charts. */
final class Content {

    private Content() {
    }

    /**
     * A chapter. {@code text} is the office's text when it has edited it, else the generated one; paragraphs are
     * separated by blank lines or line breaks.
     */
    record Chapter(String key, String title, String text, String generatedText, boolean edited, List<Block> blocks) {
    }

    sealed interface Block permits Table, Chart {
        String id();
    }

    /** A table; {@code id} names it for template placeholders ({@code {{table:districts:P2}}}). */
    record Table(String id, String caption, List<String> header, List<List<String>> rows) implements Block {
    }

    /** A bar chart with categories (areas or periods) and one or more series (this year, the year before). */
    record Chart(String id, String title, List<String> categories, List<String> series, List<List<Double>> values)
            implements Block {
    }
}
