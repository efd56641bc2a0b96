package org.qualitycity.notification;

/** How urgent a message is: INFO (for information), WARN (needs attention), ALERT (act now, e.g. red indicator). */
public enum Severity {
    INFO, WARN, ALERT
}
