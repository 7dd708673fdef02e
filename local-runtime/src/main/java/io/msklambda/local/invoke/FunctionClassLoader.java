package io.msklambda.local.invoke;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads a function from its jar alone, child-first, as Lambda's Java runtime does, except for the core
 * interfaces ({@code com.amazonaws.services.lambda.runtime.Context}, {@code RequestHandler}, …) that the
 * runtime and the function must share to call each other. Events, resources and everything else come from
 * the jar (or the JDK).
 */
final class FunctionClassLoader extends URLClassLoader {

    private static final String CORE = "com.amazonaws.services.lambda.runtime.";

    FunctionClassLoader(URL jar, ClassLoader runtime) {
        super(new URL[] {jar}, runtime);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                boolean shared = name.startsWith(CORE) && name.indexOf('.', CORE.length()) < 0;
                if (shared
                        || name.startsWith("java.")
                        || name.startsWith("javax.")
                        || name.startsWith("jdk.")
                        || name.startsWith("sun.")) {
                    return super.loadClass(name, resolve);
                }
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInJar) {
                    loaded = getPlatformClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** The jar's own resources (service files included), not the runtime's: a function sees only its jar. */
    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : ClassLoader.getPlatformClassLoader().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        all.addAll(Collections.list(ClassLoader.getPlatformClassLoader().getResources(name)));
        return Collections.enumeration(all);
    }

    private static Class<?> getPlatformClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, ClassLoader.getPlatformClassLoader());
    }
}
