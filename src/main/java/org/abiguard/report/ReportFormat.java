package org.abiguard.report;

/** Report output formats: a self-contained HTML page, Markdown, or JSON. */
public enum ReportFormat {
    html, md, json
}
