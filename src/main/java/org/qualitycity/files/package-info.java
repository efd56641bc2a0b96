/**
 * Attachments (附件): files stored for records of other modules, checked for type (by content) and
 * size, with access decided per owner type by an {@link org.qualitycity.files.AttachmentOwnerPolicy}.
 * Other modules use {@link org.qualitycity.files.Attachments}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Files",
        allowedDependencies = {"platform", "platform :: web"})
package org.qualitycity.files;
