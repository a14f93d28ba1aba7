package dev.wuerstchen.backend.nd4j;

import dev.wuerstchen.api.backend.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Loads ND4J's native backend once per JVM and remembers the outcome. Nothing here touches ND4J
 * in a static initializer: a failure to load (missing natives, unwritable JavaCPP cache, another
 * platform) becomes an {@link Availability.Unavailable}, never an exception.
 */
final class Nd4jRuntime {

    private static volatile Availability availability;

    private Nd4jRuntime() {
    }

    static Availability probe() {
        Availability a = availability;
        if (a == null) {
            synchronized (Nd4jRuntime.class) {
                a = availability;
                if (a == null) {
                    a = load();
                    availability = a;
                }
            }
        }
        return a;
    }

    private static Availability load() {
        try {
            INDArray probe = Nd4j.create(new float[] {1f, 2f}, new long[] {2},
                    DataType.FLOAT);
            if (probe.sumNumber().floatValue() != 3f) {
                return new Availability.Unavailable("ND4J loaded but computed 1 + 2 = " + probe.sumNumber(),
                        "The native libraries do not work on this machine; use another backend");
            }
            return new Availability.Available("ND4J " + nd4jVersion() + " (" + blasDescription() + ")", List.of("CPU"));
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError, ...
            String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
            return new Availability.Unavailable("ND4J native backend (nd4j-native + OpenBLAS through JavaCPP) on "
                    + platform + " failed to load: " + describe(t),
                    "Put org.nd4j:nd4j-native:1.0.0-M2.1 and org.bytedeco:openblas:0.3.19-1.5.7 with the classifier of this "
                            + "platform (e.g. linux-x86_64) on the class path, and make sure ~/.javacpp/cache is writable "
                            + "(or point -Dorg.bytedeco.javacpp.cachedir at a writable folder)");
        }
    }

    /**
     * Sets the intra-op threads of libnd4j (OpenMP) and OpenBLAS. These are process-wide: the last
     * backend opened with an explicit count wins.
     */
    static void setThreads(int threads) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    /** libnd4j's OpenMP threads and OpenBLAS's threads, as the runtime reports them. */
    static int[] threads() {
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        return new int[] {Integer.parseInt(String.valueOf(info.get("omp.threads"))),
                Integer.parseInt(String.valueOf(info.get("blas.threads")))};
    }

    private static String nd4jVersion() {
        try (InputStream in = Nd4j.class
                .getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown version)");
            }
        } catch (IOException e) {
            // fall through: the version is only informative
        }
        return "(unknown version)";
    }

    private static String blasDescription() {
        var info = Nd4j.getExecutioner().getEnvironmentInformation();
        String vendor = String.valueOf(info.get("blas.vendor"));
        String blas = vendor.equalsIgnoreCase("OPENBLAS") ? openblas.OPENBLAS_VERSION.strip() : vendor;
        return blas + ", " + info.get("cores") + " cores";
    }

    private static String describe(Throwable t) {
        StringBuilder b = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            b.append(": ").append(t.getMessage().strip());
        }
        Throwable c = t.getCause();
        if (c != null && c != t) {
            b.append(" (caused by ").append(c.getClass().getSimpleName());
            if (c.getMessage() != null) {
                b.append(": ").append(c.getMessage().strip());
            }
            b.append(')');
        }
        return b.toString();
    }
}
