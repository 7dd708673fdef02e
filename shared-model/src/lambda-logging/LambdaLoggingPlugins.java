import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.processor.PluginCache;
import org.apache.logging.log4j.core.config.plugins.processor.PluginEntry;
import org.apache.logging.log4j.core.config.plugins.processor.PluginProcessor;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes the Log4j plugin index of the Lambda jars: log4j-core's and log4j-layout-template-json's
 * {@code Log4j2Plugins.dat}, merged, with the configuration elements ("core" plugins) cut to those {@code log4j2.xml}
 * names. Log4j loads every class its index lists when logging starts, about 250 of them, though one configuration
 * uses a dozen; with the index cut, the appenders for files, sockets, databases and message queues, the other layouts,
 * filters and rollover policies, and what only they use, can leave the jars (0.8 MB each; the function poms' shade
 * filters). The other categories (lookups, pattern converters, type converters, the JSON template's resolvers) are
 * named inside patterns and templates, not by elements, and are kept whole.
 *
 * <p>Run by each function module's build before the shade plugin packs its output into the jar, as a source-file
 * program (JEP 330) on the module's runtime class path:
 * {@code java -cp <class path> LambdaLoggingPlugins.java log4j2.xml target/lambda-logging/Log4j2Plugins.dat}. It
 * fails, and the build with it, when {@code log4j2.xml} names an element that no plugin provides.
 *
 * <p>What it does not know: every element below the root is taken for a plugin, so an attribute written as a child
 * element ({@code <PatternLayout><Pattern>…</Pattern></PatternLayout>}) fails the build, and a plugin named only in
 * an attribute ({@code advertiser="…"}) is left out; write attributes as attributes. A new library with a plugin
 * index of its own needs its index filtered out in the function poms, as log4j-core's is, and merged here.
 */
public class LambdaLoggingPlugins {

    private static final String CORE = "core";

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LambdaLoggingPlugins <log4j2.xml> <Log4j2Plugins.dat to write>");
        }
        Set<String> elements = elements(Path.of(args[0]));
        PluginCache cache = new PluginCache();
        cache.loadCacheFiles(
                LambdaLoggingPlugins.class.getClassLoader().getResources(PluginProcessor.PLUGIN_CACHE_FILE));
        Map<String, PluginEntry> core = cache.getCategory(CORE);
        Set<String> unknown = new TreeSet<>(elements);
        unknown.removeAll(core.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(args[0] + " names elements that no Log4j plugin on the class path provides: "
                    + unknown);
        }
        int all = core.size();
        core.keySet().retainAll(elements);
        write(cache, Path.of(args[1]));
        System.out.printf(
                Locale.ROOT,
                "%s: %d of %d Log4j configuration plugins kept (%s)%n",
                args[1],
                core.size(),
                all,
                String.join(", ", new TreeSet<>(core.keySet())));
    }

    /** The configuration's element names below its root, lower-cased as Log4j's index keys them. */
    private static Set<String> elements(Path config) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(config.toFile()).getDocumentElement();
        NodeList all = root.getElementsByTagName("*");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < all.getLength(); i++) {
            names.add(all.item(i).getNodeName().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static void write(PluginCache cache, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            cache.writeCache(out);
        }
    }
}
