package io.msklambda.tests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * A function's built jar with a test's handler class added: the same libraries (the event serializers need
 * Joda-Time from the function's jar, as Lambda's runtime does), another handler, for a template copy to name.
 */
public final class FunctionJar {

    private FunctionJar() {}

    /** Writes {@code builtJar}'s entries and {@code handler}'s class to {@code dir/function.jar}. */
    public static Path withHandler(Path dir, Path builtJar, Class<?> handler) throws IOException {
        String added = handler.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("function.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                JarFile built = new JarFile(builtJar.toFile());
                InputStream classFile = handler.getClassLoader().getResourceAsStream(added)) {
            for (JarEntry entry : Collections.list(built.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream in = built.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry(added));
            classFile.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
