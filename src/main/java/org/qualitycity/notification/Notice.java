package org.qualitycity.notification;

import org.qualitycity.platform.Text;

/**
 * A message to post. A module posts its messages as message keys with arguments ({@link Text}), which the
 * inbox renders in the reader's language; plain title and body are for text written by people (a notice
 * sent by hand).
 *
 * @param category  the posting module's topic, lower case, e.g. "task.overdue", "indicator.red"; at most 40 characters
 * @param title     one line, at most 200 characters (for a keyed message: filled in with its Chinese rendering)
 * @param body      optional text, at most 4000 characters
 * @param link      optional path in this application the message points to (e.g. "/tasks/12"); no other site
 * @param severity  INFO, WARN or ALERT (null: INFO)
 * @param titleText the title as a message key with arguments, or null
 * @param bodyText  the body as a message key with arguments, or null
 */
public record Notice(String category, String title, String body, String link, Severity severity, Text titleText,
                     Text bodyText) {

    /** A notice of text written by people. */
    public Notice(String category, String title, String body, String link, Severity severity) {
        this(category, title, body, link, severity, null, null);
    }

    public static Notice info(String category, Text title, Text body, String link) {
        return new Notice(category, null, null, link, Severity.INFO, title, body);
    }

    public static Notice warn(String category, Text title, Text body, String link) {
        return new Notice(category, null, null, link, Severity.WARN, title, body);
    }

    public static Notice alert(String category, Text title, Text body, String link) {
        return new Notice(category, null, null, link, Severity.ALERT, title, body);
    }

    public static Notice info(String category, String title, String body, String link) {
        return new Notice(category, title, body, link, Severity.INFO);
    }

    public static Notice warn(String category, String title, String body, String link) {
        return new Notice(category, title, body, link, Severity.WARN);
    }

    public static Notice alert(String category, String title, String body, String link) {
        return new Notice(category, title, body, link, Severity.ALERT);
    }
}
