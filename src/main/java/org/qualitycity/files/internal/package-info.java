/** Storage, content checks and persistence of attachments; used by the module's own web layer only. */
package org.qualitycity.files.internal;
