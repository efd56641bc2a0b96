package org.qualitycity.platform;

import java.util.List;

/**
 * SPI of the personal-data access report: a module that holds personal data names the records that
 * belong to a data subject, given as a phone number or a record reference (e.g. a tracking code).
 * The report then lists every audited access to those records.
 */
public interface PersonalDataSubjects {

    /** A record holding the subject's personal data, as the audit trail names it. */
    record SubjectRecord(String module, String entityType, String entityId, String label) {
    }

    /** The records of the subject; empty when the module holds none. Never checks the caller's scope. */
    List<SubjectRecord> recordsOf(String subject);

    /** The audit actions that count as an access to personal data in this module (e.g. VIEW_PERSONAL). */
    List<String> accessActions();
}
