package org.abiguard.report;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * {@code | md}: escapes text for Markdown table cells and prose, HTML included (Markdown renderers pass
 * raw HTML through), so a domain named {@code <script>} or {@code a|b} shows as written; control characters
 * (C0, C1) become visible {@code \xNN} escapes first.
 */
final class MarkdownEscapeFilter implements Filter {
    static final AbstractExtension EXTENSION = new AbstractExtension() {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of("md", new MarkdownEscapeFilter());
        }
    };

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                        int lineNumber) {
        if (input == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (char c : org.abiguard.PrintableText.of(input.toString(), true).toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n', '\r' -> out.append(' ');
                case '|', '*', '_', '`', '[', ']', '#', '\\' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
