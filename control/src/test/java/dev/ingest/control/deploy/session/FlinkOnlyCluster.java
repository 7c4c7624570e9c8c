package dev.ingest.control.deploy.session;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink session cluster in its own JVM whose classpath holds only what a Flink distribution provides: the jars
 * of this test's classpath that the job jar's shade configuration leaves out (jobs/pom.xml, {@code artifactSet}
 * excludes, read from the pom). Ingest's own classes and its dependencies are not on it, so a job submitted to
 * it runs only if the uploaded job jar carries them.
 */
final class FlinkOnlyCluster implements AutoCloseable {
  private static final Pattern EXCLUDE = Pattern.compile("<exclude>([^<:]+):([^<]+)</exclude>");

  private final Process process;
  private final URI restUrl;

  private FlinkOnlyCluster(Process process, URI restUrl) {
    this.process = process;
    this.restUrl = restUrl;
  }

  /** Starts the cluster; {@code jobsPom} is jobs/pom.xml, whose shade excludes define "what Flink provides". */
  static FlinkOnlyCluster start(Path jobsPom, int slots, String maxUpload) throws Exception {
    List<String[]> provided = providedArtifacts(jobsPom);
    List<String> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (isProvided(Path.of(entry), provided)) {
        classpath.add(entry);
      }
    }
    classpath.add(Path.of(FlinkOnlyClusterMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-Xmx1g", "-cp", String.join(File.pathSeparator, classpath),
        FlinkOnlyClusterMain.class.getName(), Integer.toString(slots), maxUpload));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<URI> rest = CompletableFuture.supplyAsync(() -> {
      try {
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("REST ")) {
            drain(out);
            return URI.create(line.substring(5).strip());
          }
          seen.append(line).append('\n');
        }
        throw new IllegalStateException("the Flink-only cluster exited before serving REST:\n" + seen);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return new FlinkOnlyCluster(process, rest.get(90, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  URI restUrl() {
    return restUrl;
  }

  /** The classpath entries of this JVM the Flink-only cluster got (for assertions). */
  static boolean isProvided(Path entry, List<String[]> provided) {
    // a Maven repository jar: <group path>/<artifactId>/<version>/<artifactId>-<version>[-classifier].jar
    if (!entry.toString().endsWith(".jar") || entry.getNameCount() < 4) {
      return false;
    }
    String artifact = entry.getParent().getParent().getFileName().toString();
    String groupPath = entry.getParent().getParent().getParent().toString().replace(File.separatorChar, '/');
    for (String[] p : provided) {
      if (groupPath.endsWith("/" + p[0].replace('.', '/')) && (p[1].equals("*") || p[1].equals(artifact))) {
        return true;
      }
    }
    return false;
  }

  static List<String[]> providedArtifacts(Path jobsPom) throws IOException {
    String pom = Files.readString(jobsPom);
    String set = pom.substring(pom.indexOf("<artifactSet>"), pom.indexOf("</artifactSet>"));
    List<String[]> out = new ArrayList<>();
    Matcher m = EXCLUDE.matcher(set);
    while (m.find()) {
      out.add(new String[] {m.group(1).strip(), m.group(2).strip()});
    }
    return out;
  }

  private static void drain(BufferedReader out) {
    Thread t = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe from filling up
        }
      } catch (IOException e) {
        // process ended
      }
    }, "flink-only-cluster-output");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
