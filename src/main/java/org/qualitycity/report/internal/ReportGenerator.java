package org.qualitycity.report.internal;

import org.qualitycity.jobs.JobProgress;
import org.qualitycity.platform.NotFoundException;
import org.qualitycity.platform.Text;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * Generation: reads the data into a snapshot, lays the chapters out in the document's template version, and renders
 * a stored document again from its snapshot and texts (the same bytes, since rendering reads nothing else).
 */
@Component
class ReportGenerator {

    static final String BUNDLED_TEMPLATE = "report/report-template.docx";

    private final ReportRepository repo;
    private final SnapshotBuilder snapshots;
    private final ContentBuilder content;
    private final DocxWriter writer;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final Clock clock;

    ReportGenerator(ReportRepository repo, SnapshotBuilder snapshots, ContentBuilder content, DocxWriter writer,
                    MessageSource messages, ObjectMapper json, Clock clock) {
        this.repo = repo;
        this.snapshots = snapshots;
        this.content = content;
        this.writer = writer;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
    }

    /** The job's work: read the data into a snapshot, lay out the document, store both. */
    void generate(long documentId, JobProgress progress) {
        ReportRepository.Row row = repo.find(documentId).orElseThrow(() -> new NotFoundException("report " + documentId));
        try {
            progress.update(5, Text.of("report.job.reading"));
            Snapshot s = snapshots.build(row.kind(), row.sector(), row.period(), row.lang());
            String snapshotJson = json.writeValueAsString(s);
            progress.update(30, Text.of("report.job.writing"));
            List<Content.Chapter> chapters = content.chapters(s, Map.of());
            int total = chapters.size();
            byte[] bytes = render(s, chapters, row.templateVersion(), n -> progress.update(30 + 65 * n / total,
                    Text.of("report.job.chapter", n, total)));
            repo.generated(documentId, snapshotJson, bytes, ReportService.sha256(bytes), clock.instant());
            progress.update(100, Text.of("report.job.done"));
        } catch (RuntimeException e) {
            repo.failed(documentId, clock.instant());
            throw e;
        }
    }

    /** Renders a document again from its stored snapshot, texts and template version (the same bytes). */
    byte[] renderAgain(long documentId) {
        ReportRepository.Row row = repo.find(documentId).orElseThrow(() -> new NotFoundException("report " + documentId));
        return render(row, texts(row));
    }

    byte[] render(ReportRepository.Row row, Map<String, String> texts) {
        Snapshot s = snapshot(row.id());
        return render(s, content.chapters(s, texts), row.templateVersion(), n -> { });
    }

    private byte[] render(Snapshot s, List<Content.Chapter> chapters, int templateVersion, IntConsumer chapterDone) {
        Locale locale = Locale.forLanguageTag(s.lang());
        String title = content.title(s);
        String date = Instant.parse(s.generatedAt()).atZone(org.qualitycity.platform.ApplicationZone.ZONE).toLocalDate()
                .toString();
        Map<String, String> words = Map.of("title", title, "year", String.valueOf(s.year()), "period",
                s.period(), "city", s.city().name(s.lang()), "date", date,
                "subtitle", messages.getMessage("report.subtitle", new Object[]{s.city().name(s.lang()), date}, locale));
        return writer.render(templateBytes(templateVersion),
                new DocxWriter.Filling(chapters, words, Instant.parse(s.generatedAt())), chapterDone);
    }

    Snapshot snapshot(long documentId) {
        String s = repo.snapshot(documentId).orElseThrow(() -> new NotFoundException("report snapshot " + documentId));
        return json.readValue(s, Snapshot.class);
    }

    List<Content.Chapter> chapters(ReportRepository.Row row, Map<String, String> texts) {
        return content.chapters(snapshot(row.id()), texts);
    }

    Map<String, String> texts(ReportRepository.Row row) {
        if (row.texts() == null || row.texts().isBlank()) {
            return Map.of();
        }
        return json.readValue(row.texts(), new TypeReference<TreeMap<String, String>>() {
        });
    }

    String textsJson(Map<String, String> texts) {
        return json.writeValueAsString(new TreeMap<>(texts));
    }

    byte[] templateBytes(int version) {
        if (version == 0) {
            return bundled();
        }
        return repo.template(version).orElseThrow(() -> new NotFoundException("template " + version));
    }

    static byte[] bundled() {
        try (var in = new ClassPathResource(BUNDLED_TEMPLATE).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
