package org.qualitycity.notification;

/**
 * Posting messages to inboxes, for every module. Messages are written in the caller's transaction,
 * so they commit (or roll back) with the change they report. Bad input is a
 * {@link org.qualitycity.platform.ValidationException} naming the field.
 */
public interface Notifications {

    /** A message to one user. @return the message id */
    long toUser(long userId, Notice notice);

    /** A message to a unit: every user whose unit it is sees it and reads it separately. @return the message id */
    long toUnit(long unitId, Notice notice);
}
