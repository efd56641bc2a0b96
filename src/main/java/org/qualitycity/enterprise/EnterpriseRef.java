package org.qualitycity.enterprise;

/** An enterprise as other modules refer to it. */
public record EnterpriseRef(long id, String creditCode, String name, long unitId, String unitCode, String unitName) {
}
