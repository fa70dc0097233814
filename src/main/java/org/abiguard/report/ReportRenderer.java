package org.abiguard.report;

import org.abiguard.Json;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders {@link ReportData} with the templates in {@code reports/} (packaged under {@code reports/} in
 * the jar). HTML auto-escapes every value; Markdown escapes names with the {@code md} filter; JSON is
 * the data itself. Engines are built once; thread-safe.
 */
public final class ReportRenderer {
    private static final PebbleEngine HTML = engine(true);
    private static final PebbleEngine MARKDOWN = engine(false);

    private ReportRenderer() {
    }

    public static String render(ReportData data, ReportFormat format) {
        return switch (format) {
            case json -> Json.write(data);
            case html -> render(HTML, "report.html.peb", data);
            case md -> render(MARKDOWN, "report.md.peb", data);
        };
    }

    private static String render(PebbleEngine engine, String template, ReportData data) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, Map.of("data", data));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template, e);
        }
        return out.toString();
    }

    private static PebbleEngine engine(boolean html) {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("reports");
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(html)
                .strictVariables(true)
                .newLineTrimming(false)
                .extension(MarkdownEscapeFilter.EXTENSION)
                .build();
    }
}
