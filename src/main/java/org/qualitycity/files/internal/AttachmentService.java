package org.qualitycity.files.internal;

import org.qualitycity.files.Attachment;
import org.qualitycity.files.AttachmentContent;
import org.qualitycity.files.AttachmentOwnerPolicy;
import org.qualitycity.files.Attachments;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

@Service
class AttachmentService implements Attachments {

    private static final Logger log = LoggerFactory.getLogger(AttachmentService.class);
    private static final Pattern OWNER_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final Map<String, AttachmentOwnerPolicy> policies = new HashMap<>();
    private final AttachmentRepository repo;
    private final FileStore store;
    private final BlobStore blobs;
    private final AuditLog audit;

    AttachmentService(List<AttachmentOwnerPolicy> policies, AttachmentRepository repo, FileStore store,
                      BlobStores blobStores, AuditLog audit) {
        for (AttachmentOwnerPolicy p : policies) {
            if (!OWNER_TYPE.matcher(p.ownerType()).matches()) {
                throw new IllegalStateException("invalid attachment owner type: " + p.ownerType());
            }
            AttachmentOwnerPolicy previous = this.policies.put(p.ownerType(), p);
            if (previous != null) {
                throw new IllegalStateException("two policies for the attachment owner type " + p.ownerType() + ": "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        this.repo = repo;
        this.store = store;
        this.blobs = blobStores.current();
        this.audit = audit;
    }

    private AttachmentOwnerPolicy policy(String ownerType) {
        AttachmentOwnerPolicy p = ownerType == null ? null : policies.get(ownerType);
        if (p == null) {
            throw new ValidationException("ownerType", Texts.msg("files.error.unknown-owner-type", ownerType));
        }
        return p;
    }

    private void requireReadable(AttachmentOwnerPolicy p, long ownerId, CurrentUser user) {
        if (!p.canRead(user, ownerId)) {
            throw new NotFoundException(p.ownerType() + " " + ownerId);
        }
    }

    private void requireWritable(AttachmentOwnerPolicy p, long ownerId, CurrentUser user) {
        requireReadable(p, ownerId, user);
        if (!p.canWrite(user, ownerId)) {
            throw new AccessDeniedException(Texts.msg("files.error.no-write-access"));
        }
    }

    @Override
    public long maxSizeBytes() {
        return store.maxSize();
    }

    @Override
    public boolean canWrite(String ownerType, long ownerId, CurrentUser user) {
        AttachmentOwnerPolicy p = policies.get(ownerType);
        return p != null && p.canRead(user, ownerId) && p.canWrite(user, ownerId);
    }

    @Override
    @Transactional
    public Attachment store(String ownerType, long ownerId, MultipartFile file, CurrentUser user) {
        // the owner first: someone who may not see it learns nothing, not even that a file is missing
        requireWritable(policy(ownerType), ownerId, user);
        if (file == null) {
            throw new ValidationException("file", Texts.msg("error.required"));
        }
        try (InputStream in = file.getInputStream()) {
            return store(ownerType, ownerId, file.getOriginalFilename(), in, file.getSize(), user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    @Transactional
    public Attachment store(String ownerType, long ownerId, String filename, InputStream content, long size,
                            CurrentUser user) {
        AttachmentOwnerPolicy p = policy(ownerType);
        requireWritable(p, ownerId, user);
        String name = cleanFilename(filename);
        if (size > store.maxSize()) {
            throw new ValidationException("file", Texts.msg("files.error.too-large", FileStore.humanSize(store.maxSize())));
        }
        FileStore.Staged staged = store.stage(content);
        try {
            if (staged.size() == 0) {
                throw new ValidationException("file", Texts.msg("files.error.empty"));
            }
            FileTypes.Detected type = FileTypes.detect(name, staged.path());
            String key = UUID.randomUUID().toString();
            long id = repo.insert(ownerType, ownerId, p.unitOf(ownerId), name, type.contentType(), staged.size(),
                    staged.sha256(), key, blobs.name(), user.id());
            // the bytes go where every node reads them, in this transaction (with the database store)
            blobs.write(key, staged.path());
            Attachment created = repo.byId(id).orElseThrow().attachment();
            audit.record("files", "attachment", id, created.unitId(), "CREATE", null, created);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            store.discard(staged.path());
        }
    }

    /**
     * The name as shown and offered for download: without any directory part (some browsers send the
     * client's full path), without control, bidirectional-override and other invisible characters; a name
     * longer than 255 characters is refused (400 on {@code file}).
     */
    static String cleanFilename(String filename) {
        if (filename == null) {
            throw new ValidationException("file", Texts.msg("files.error.no-name"));
        }
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        name = name.codePoints().filter(c -> !Character.isISOControl(c) && c != '"' && !invisible(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.isBlank()) {
            throw new ValidationException("file", Texts.msg("files.error.no-name"));
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            throw new ValidationException("file", Texts.msg("files.error.name-too-long", MAX_NAME_LENGTH));
        }
        return name;
    }

    static final int MAX_NAME_LENGTH = 255;

    /**
     * Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) that can make "invoice\u202Egpj.pdf"
     * display as "invoicefdp.jpg", and other invisible format characters (zero-width, BOM).
     */
    private static boolean invisible(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                || c == 0x061C || Character.getType(c) == Character.FORMAT;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Attachment> list(String ownerType, long ownerId, CurrentUser user) {
        AttachmentOwnerPolicy p = policy(ownerType);
        requireReadable(p, ownerId, user);
        return repo.byOwner(ownerType, ownerId);
    }

    private AttachmentRepository.Stored readable(long id, CurrentUser user) {
        AttachmentRepository.Stored s = repo.byId(id).orElseThrow(() -> new NotFoundException("attachment " + id));
        AttachmentOwnerPolicy p = policies.get(s.attachment().ownerType());
        if (p == null || !p.canRead(user, s.attachment().ownerId())) {
            throw new NotFoundException("attachment " + id);
        }
        return s;
    }

    @Override
    @Transactional(readOnly = true)
    public Attachment get(long id, CurrentUser user) {
        return readable(id, user).attachment();
    }

    @Override
    @Transactional(readOnly = true)
    public AttachmentContent open(long id, CurrentUser user) {
        AttachmentRepository.Stored s = readable(id, user);
        String key = s.storageKey();
        if ("DISK".equals(s.store())) {
            // written before attachments moved into the database and not copied yet (see LegacyAttachmentImport)
            Path path = store.pathOf(key);
            if (Files.isRegularFile(path)) {
                return new AttachmentContent(s.attachment(), () -> Files.newInputStream(path));
            }
        } else if (blobs.name().equals(s.store()) && blobs.exists(key)) {
            return new AttachmentContent(s.attachment(), () -> blobs.open(key));
        }
        log.error("The bytes of attachment {} are missing from the {} store (key {})", id, s.store(), key);
        throw new NotFoundException("attachment " + id);
    }

    @Override
    @Transactional
    public void delete(long id, CurrentUser user) {
        AttachmentRepository.Stored s = readable(id, user);
        Attachment a = s.attachment();
        requireWritable(policy(a.ownerType()), a.ownerId(), user);
        if (!repo.markDeleted(id, user.id())) {
            throw new NotFoundException("attachment " + id);
        }
        audit.record("files", "attachment", id, a.unitId(), "DELETE", a, null);
    }
}
