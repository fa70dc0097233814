package org.abiguard.drift;

import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * The part of a baseline and a current XML a finding is about, side by side with changed lines
 * marked: the whole device element (paired across versions as the engine pairs them), or the
 * top-level element ({@code os}, {@code cpu}, ...) for other fields. Volatile data is left out as
 * in comparisons. Not thread-safe per instance; build one per domain pair.
 */
public final class DriftExcerpt {
    private static final DiffRowGenerator ROWS = DiffRowGenerator.create()
            .showInlineDiffs(false)
            .lineNormalizer(Function.identity())
            .build();

    private final DomainDocument base;
    private final DomainDocument current;
    private final List<Device> baseDevices;
    private final List<Device> currentDevices;
    private final Map<Device, Device> pairs;

    public DriftExcerpt(String baseXml, String currentXml) {
        this.base = DomainDocument.parse(baseXml, "baseline XML");
        this.current = DomainDocument.parse(currentXml, "current XML");
        this.baseDevices = Device.of(base);
        this.currentDevices = Device.of(current);
        this.pairs = DeviceMatcher.match(baseDevices, currentDevices);
    }

    /** The rows for {@code finding}; empty when the finding names nothing either side has. */
    public List<ExcerptRow> rowsFor(Finding finding) {
        Element before;
        Element after;
        if (finding.xpath().startsWith("/domain/devices/")) {
            String deviceXpath = deviceXpath(finding.xpath());
            Device currentDevice = find(currentDevices, deviceXpath);
            Device baseDevice = finding.category() == Category.DEVICE_REMOVED ? find(baseDevices, deviceXpath)
                    : pairedBase(currentDevice);
            if (finding.category() == Category.DEVICE_REMOVED) {
                currentDevice = null;
            }
            before = baseDevice == null ? null : baseDevice.element();
            after = currentDevice == null ? null : currentDevice.element();
        } else {
            before = DomainDocument.firstChild(base.root(), finding.device());
            after = DomainDocument.firstChild(current.root(), finding.device());
        }
        if (before == null && after == null) {
            return List.of();
        }
        return ROWS.generateDiffRows(lines(before), lines(after)).stream()
                .map(r -> new ExcerptRow(r.getOldLine(), r.getNewLine(), r.getTag() != DiffRow.Tag.EQUAL))
                .toList();
    }

    private Device pairedBase(Device currentDevice) {
        for (Map.Entry<Device, Device> e : pairs.entrySet()) {
            if (e.getValue() == currentDevice) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Device find(List<Device> devices, String xpath) {
        return devices.stream().filter(d -> d.xpath().equals(xpath)).findFirst().orElse(null);
    }

    /** "/domain/devices/disk[2]/address" → "/domain/devices/disk[2]". */
    private static String deviceXpath(String xpath) {
        int end = xpath.indexOf(']', "/domain/devices/".length());
        return end < 0 ? xpath : xpath.substring(0, end + 1);
    }

    private static List<String> lines(Element element) {
        if (element == null) {
            return List.of();
        }
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(element), new StreamResult(out));
            return out.toString().lines().filter(l -> !l.isBlank()).toList();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise an element of a parsed document", e);
        }
    }
}
