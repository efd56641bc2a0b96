package org.qualitycity.notification;

/**
 * A message to post.
 *
 * @param category the posting module's topic, lower case, e.g. "task.overdue", "indicator.red"; at most 40 characters
 * @param title    one line, at most 200 characters
 * @param body     optional text, at most 4000 characters
 * @param link     optional path in this application the message points to (e.g. "/tasks/12"); no other site
 * @param severity INFO, WARN or ALERT (null: INFO)
 */
public record Notice(String category, String title, String body, String link, Severity severity) {

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
