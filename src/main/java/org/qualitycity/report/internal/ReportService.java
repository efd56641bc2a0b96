package org.qualitycity.report.internal;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.qualitycity.indicator.Period;
import org.qualitycity.jobs.JobProgress;
import org.qualitycity.jobs.Jobs;
import org.qualitycity.plan.IndicatorDefinition;
import org.qualitycity.plan.Plans;
import org.qualitycity.platform.AuditLog;
import org.qualitycity.platform.ConflictException;
import org.qualitycity.platform.CurrentUser;
import org.qualitycity.platform.DataScope;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Text;
import org.qualitycity.platform.Texts;
import org.qualitycity.platform.Units;
import org.qualitycity.platform.ValidationException;
import org.qualitycity.report.PublishedReports;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reports: generation as a job (snapshot, then the Word document), the office's edits of chapter texts, publication
 * (frozen with the snapshot), templates in versions. Generating, editing and publishing are for the city quality
 * office (a city-wide scope with the permission); reading drafts is for staff with the view permission; published
 * documents are for everyone.
 */
@Service
public class ReportService implements PublishedReports {

    public static final String JOB = "report-generate";
    static final String BUNDLED_TEMPLATE = ReportGenerator.BUNDLED_TEMPLATE;
    static final Set<String> SECTORS = Set.of("PRODUCT", "ENGINEERING", "SERVICE");
    static final int MAX_TEXT = 20_000;

    /** A document as listed. */
    public record DocumentView(long id, String kind, String sector, String period, int year, String lang,
                               String status, int templateVersion, Long jobId, String title, String sha256,
                               Integer size, String createdByName, Instant createdAt, Instant updatedAt,
                               String publishedByName, Instant publishedAt, String downloadUrl) {
    }

    /** A chapter's text: the office's when edited, else the generated one. */
    public record ChapterView(String key, String title, String text, String generatedText, boolean edited) {
    }

    public record DocumentDetail(DocumentView document, List<ChapterView> chapters) {
    }

    public record Submitted(long documentId, long jobId) {
    }

    public record TemplateView(int version, String fileName, String sha256, String note, String uploadedByName,
                               Instant uploadedAt, int size, boolean current) {
    }

    private final ReportRepository repo;
    private final ReportGenerator generator;
    private final Jobs jobs;
    private final AuditLog audit;
    private final Units units;
    private final Plans plans;
    private final MessageSource messages;
    private final Clock clock;

    ReportService(ReportRepository repo, ReportGenerator generator, Jobs jobs, AuditLog audit, Units units, Plans plans,
                  MessageSource messages, Clock clock) {
        this.repo = repo;
        this.generator = generator;
        this.jobs = jobs;
        this.audit = audit;
        this.units = units;
        this.plans = plans;
        this.messages = messages;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ generation

    @Transactional
    public Submitted whitePaper(int year, String lang, CurrentUser user) {
        requireOffice(user);
        checkYear(year, "year");
        return submit("WHITE_PAPER", null, String.valueOf(year), year, lang, user);
    }

    @Transactional
    public Submitted analysis(String period, String sector, String lang, CurrentUser user) {
        requireOffice(user);
        if (sector == null || !SECTORS.contains(sector)) {
            throw new ValidationException("sector", Texts.msg("report.error.sector"));
        }
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("period", Texts.msg("report.error.period"));
        }
        if (p.type() != IndicatorDefinition.PeriodType.YEAR && p.type() != IndicatorDefinition.PeriodType.QUARTER) {
            throw new ValidationException("period", Texts.msg("report.error.period"));
        }
        checkYear(p.year(), "period");
        return submit("ANALYSIS", sector, p.id(), p.year(), lang, user);
    }

    private Submitted submit(String kind, String sector, String period, int year, String lang, CurrentUser user) {
        String language = "en".equals(lang) ? "en" : "zh";
        long id = repo.create(kind, sector, period, year, language, repo.latestTemplateVersion(), user.unitId(),
                user.id(), user.displayName(), clock.instant());
        long job = jobs.submit(JOB, Map.of("documentId", id), user);
        repo.jobId(id, job);
        audit.record("report", "document", id, user.unitId(), "GENERATE", null,
                Map.of("kind", kind, "period", period, "sector", sector == null ? "" : sector, "jobId", job));
        return new Submitted(id, job);
    }

    private void checkYear(int year, String field) {
        int first = plans.current().startDate() == null ? 2000 : plans.current().startDate().getYear();
        int last = java.time.LocalDate.now(clock).getYear();
        if (year < first || year > last) {
            throw new ValidationException(field, Texts.msg("report.error.year", String.valueOf(first), String.valueOf(last)));
        }
    }

    // ------------------------------------------------------------------ reading

    public List<DocumentView> list(CurrentUser user) {
        return repo.list(false).stream().map(this::view).toList();
    }

    @Override
    public List<Published> published() {
        return repo.list(true).stream().map(r -> new Published(r.id(), r.kind(), r.sector(), r.period(),
                title(r, Locale.SIMPLIFIED_CHINESE), title(r, Locale.ENGLISH), r.publishedAt(), publicUrl(r.id()))).toList();
    }

    public List<DocumentView> publishedViews() {
        return repo.list(true).stream().map(this::view).toList();
    }

    public DocumentDetail detail(long id, CurrentUser user) {
        ReportRepository.Row row = repo.find(id).orElseThrow(() -> new NotFoundException("report " + id));
        List<ChapterView> chapters = List.of();
        if (repo.snapshot(id).isPresent()) {
            chapters = generator.chapters(row, generator.texts(row)).stream()
                    .map(c -> new ChapterView(c.key(), c.title(), c.text(), c.generatedText(), c.edited())).toList();
        }
        return new DocumentDetail(view(row), chapters);
    }

    public String snapshotJson(long id) {
        repo.find(id).orElseThrow(() -> new NotFoundException("report " + id));
        return repo.snapshot(id).orElseThrow(() -> new NotFoundException("report snapshot " + id));
    }

    /** The .docx for staff (any generated document). */
    public byte[] bytes(long id) {
        return repo.bytes(id).orElseThrow(() -> new NotFoundException("report " + id));
    }

    /** The .docx of a published document, for anyone; a draft is not found. */
    public byte[] publishedBytes(long id) {
        ReportRepository.Row row = repo.find(id).filter(r -> "PUBLISHED".equals(r.status()))
                .orElseThrow(() -> new NotFoundException("report " + id));
        return bytes(row.id());
    }

    public DocumentView publishedView(long id) {
        return repo.find(id).filter(r -> "PUBLISHED".equals(r.status())).map(this::view)
                .orElseThrow(() -> new NotFoundException("report " + id));
    }

    /** A file name for the download. */
    public String fileName(long id) {
        ReportRepository.Row r = repo.find(id).orElseThrow(() -> new NotFoundException("report " + id));
        return ("WHITE_PAPER".equals(r.kind()) ? "white-paper-" : "analysis-" + r.sector().toLowerCase(Locale.ROOT) + "-")
                + r.period() + ".docx";
    }

    private DocumentView view(ReportRepository.Row r) {
        return new DocumentView(r.id(), r.kind(), r.sector(), r.period(), r.year(), r.lang(), r.status(),
                r.templateVersion(), r.jobId(), title(r, Texts.locale()), r.sha256(), r.size(), r.createdByName(),
                r.createdAt(), r.updatedAt(), r.publishedByName(), r.publishedAt(),
                "PUBLISHED".equals(r.status()) ? publicUrl(r.id()) : "/api/v1/reports/documents/" + r.id() + "/docx");
    }

    private String title(ReportRepository.Row r, Locale locale) {
        String city = units.city().name(locale);
        if ("ANALYSIS".equals(r.kind())) {
            Period p = Period.parse(r.period());
            String period = p.type() == IndicatorDefinition.PeriodType.QUARTER
                    ? messages.getMessage("report.period.quarter", new Object[]{String.valueOf(p.year()), p.index()}, locale)
                    : messages.getMessage("report.period.year", new Object[]{String.valueOf(p.year())}, locale);
            return messages.getMessage("report.title.analysis", new Object[]{city, period,
                    messages.getMessage("report.sector." + r.sector(), null, locale)}, locale);
        }
        return messages.getMessage("report.title.white-paper", new Object[]{city, String.valueOf(r.year())}, locale);
    }

    static String publicUrl(long id) {
        return "/api/v1/public/reports/" + id + "/docx";
    }

    // ------------------------------------------------------------------ editing and publishing

    /**
     * Replaces chapter texts (a blank text goes back to the generated one) and renders the document again from its
     * snapshot. Only a draft changes; a published one is frozen (409).
     */
    @Transactional
    public DocumentDetail editTexts(long id, Map<String, String> changes, CurrentUser user) {
        requireOffice(user);
        ReportRepository.Row row = repo.lock(id).orElseThrow(() -> new NotFoundException("report " + id));
        requireDraft(row);
        if (changes == null || changes.isEmpty()) {
            throw new ValidationException("texts", Texts.msg("report.error.texts"));
        }
        List<String> keys = ContentBuilder.chapterKeys(row.kind());
        Map<String, String> texts = new TreeMap<>(generator.texts(row));
        Map<String, String> before = new TreeMap<>(texts);
        for (var e : changes.entrySet()) {
            if (!keys.contains(e.getKey())) {
                throw new ValidationException("texts." + e.getKey(), Texts.msg("report.error.chapter", String.join(", ", keys)));
            }
            String text = e.getValue() == null ? "" : e.getValue().strip();
            if (text.length() > MAX_TEXT) {
                throw new ValidationException("texts." + e.getKey(), Texts.msg("report.error.text-length", MAX_TEXT));
            }
            if (text.isEmpty()) {
                texts.remove(e.getKey());
            } else {
                texts.put(e.getKey(), text);
            }
        }
        byte[] bytes = generator.render(row, texts);
        repo.edited(id, generator.textsJson(texts), bytes, sha256(bytes), clock.instant());
        audit.record("report", "document", id, row.unitId(), "EDIT_TEXTS", before, texts);
        return detail(id, user);
    }

    /** Publishes a draft: from now on it is frozen (the database refuses any change) and public. */
    @Transactional
    public DocumentView publish(long id, CurrentUser user) {
        requireOffice(user);
        ReportRepository.Row row = repo.lock(id).orElseThrow(() -> new NotFoundException("report " + id));
        requireDraft(row);
        repo.published(id, user.id(), user.displayName(), clock.instant());
        audit.record("report", "document", id, row.unitId(), "PUBLISH", Map.of("status", row.status()),
                Map.of("status", "PUBLISHED", "sha256", row.sha256()));
        return view(repo.find(id).orElseThrow());
    }

    private static void requireDraft(ReportRepository.Row row) {
        if (!"DRAFT".equals(row.status())) {
            throw new ConflictException(Texts.msg("report.error.not-draft", Texts.msg("report.status.doc." + row.status())));
        }
    }

    /** Only the city quality office (a city-wide scope) generates, edits and publishes; the permission is checked too. */
    static void requireOffice(CurrentUser user) {
        if (user.scopeKind() != DataScope.Kind.ALL) {
            throw new AccessDeniedException(Texts.msg("report.error.office-only"));
        }
    }

    // ------------------------------------------------------------------ templates

    public List<TemplateView> templates() {
        int latest = repo.latestTemplateVersion();
        List<TemplateView> list = new java.util.ArrayList<>(repo.templates().stream()
                .map(t -> new TemplateView(t.version(), t.fileName(), t.sha256(), t.note(), t.uploadedByName(),
                        t.uploadedAt(), t.size(), t.version() == latest)).toList());
        byte[] bundled = ReportGenerator.bundled();
        list.add(new TemplateView(0, "report-template.docx", sha256(bundled), null, null, null, bundled.length, latest == 0));
        return list;
    }

    /** Stores a new template version; it must be a Word document the writer can open. */
    @Transactional
    public TemplateView uploadTemplate(String fileName, byte[] bytes, String note, CurrentUser user) {
        requireOffice(user);
        if (bytes == null || bytes.length == 0) {
            throw new ValidationException("file", Texts.msg("report.error.template"));
        }
        String text;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            StringBuilder sb = new StringBuilder();
            doc.getParagraphs().forEach(p -> sb.append(p.getText()).append('\n'));
            text = sb.toString();
        } catch (IOException | RuntimeException e) {
            throw new ValidationException("file", Texts.msg("report.error.template"));
        }
        if (!text.contains("{{")) {
            throw new ValidationException("file", Texts.msg("report.error.template-placeholders"));
        }
        String name = fileName == null || fileName.isBlank() ? "template.docx" : fileName.strip();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        String n = note == null ? null : note.strip();
        if (n != null && n.length() > 500) {
            throw new ValidationException("note", Texts.msg("report.error.text-length", 500));
        }
        int version = repo.addTemplate(name, bytes, sha256(bytes), n, user.id(), user.displayName(), clock.instant());
        audit.record("report", "template", version, user.unitId(), "UPLOAD", null,
                Map.of("version", version, "fileName", name, "sha256", sha256(bytes)));
        return templates().stream().filter(t -> t.version() == version).findFirst().orElseThrow();
    }

    public byte[] templateBytes(int version) {
        return generator.templateBytes(version);
    }

    /** Renders a document again from its stored snapshot, texts and template version (the same bytes). */
    byte[] renderAgain(long documentId) {
        return generator.renderAgain(documentId);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chapter keys of a kind, in order (for pages). */
    public static List<String> chapterKeys(String kind) {
        return ContentBuilder.chapterKeys(kind);
    }

    static Map<String, Object> jobResult(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("documentId", id);
        m.put("download", "/api/v1/reports/documents/" + id + "/docx");
        return m;
    }
}
