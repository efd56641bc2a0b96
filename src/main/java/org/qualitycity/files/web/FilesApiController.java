package org.qualitycity.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qualitycity.files.Attachment;
import org.qualitycity.files.Attachments;
import org.qualitycity.platform.Security;
import org.qualitycity.platform.web.ApiController;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.net.URI;
import java.util.List;

@ApiController("/api/v1/files")
@Tag(name = "Files")
class FilesApiController {

    private final Attachments attachments;

    FilesApiController(Attachments attachments) {
        this.attachments = attachments;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('files:file:upload')")
    @Operation(summary = "Upload a file for a record (multipart: ownerType, ownerId, file); the type is checked by content")
    ResponseEntity<Attachment> upload(@RequestParam String ownerType, @RequestParam long ownerId,
                                      @RequestParam(required = false) MultipartFile file) {
        Attachment a = attachments.store(ownerType, ownerId, file, Security.currentUser());
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/files/" + a.id())).body(a);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('files:file:view')")
    @Operation(summary = "The files of a record")
    List<Attachment> list(@RequestParam String ownerType, @RequestParam long ownerId) {
        return attachments.list(ownerType, ownerId, Security.currentUser());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('files:file:view')")
    @Operation(summary = "A file's metadata")
    Attachment get(@PathVariable long id) {
        return attachments.get(id, Security.currentUser());
    }

    @GetMapping("/{id}/content")
    @PreAuthorize("hasAuthority('files:file:view')")
    @Operation(summary = "Download a file (always as an attachment)")
    ResponseEntity<Resource> content(@PathVariable long id) {
        return Downloads.response(attachments.open(id, Security.currentUser()));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('files:file:delete')")
    @Operation(summary = "Delete a file (kept in storage for the audit trail)")
    ResponseEntity<Void> delete(@PathVariable long id) {
        attachments.delete(id, Security.currentUser());
        return ResponseEntity.noContent().build();
    }
}
