package dev.ingest.jobs;

import dev.ingest.jobs.compile.CompileOptions;
import dev.ingest.jobs.compile.JobConfiguration;
import dev.ingest.jobs.compile.PipelineGraphs;
import dev.ingest.jobs.spec.PipelineLoader;
import dev.ingest.jobs.spec.PipelineSpec;
import dev.ingest.sources.net.AddressPolicy;
import dev.ingest.sources.ratelimit.RateBudgetSettings;
import dev.ingest.sources.secret.SecretStoreProvider;
import dev.ingest.sources.spec.SpecException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job entry point for clusters (session cluster jar submission, the Flink Kubernetes Operator's application
 * mode):
 *
 * <pre>
 * IngestJob (--pipeline FILE | --pipeline-base64 YAML_IN_BASE64) [--once] [--run-on-start] [--home DIR]
 *           [--allow-private-networks] [--allowed-host HOST[:PORT]]... [--control-url URL]
 * </pre>
 *
 * <p>Deployers pass the pipeline inline ({@code --pipeline-base64}): a pipeline holds secret references only, so
 * its text may travel in program arguments. {@code --home} (default {@code $INGEST_HOME}) locates the secret
 * store settings and the local defaults. The pipeline's checkpoint interval, exactly-once mode and restart
 * strategy are applied; the checkpoint directory and state backend are the cluster's when it configures them.
 *
 * <p>The network policy the control plane validated the pipeline with travels in the arguments too
 * ({@code --allow-private-networks}, {@code --allowed-host}; see {@link #arguments}), and the job's HTTP runtime
 * re-checks every connection's resolved address against it. Without them the job allows public addresses only.
 *
 * <p>{@code --control-url} is the control API's address as the cluster reaches it: the job then leases its
 * credentials' rate budgets there (one budget per credential across every job), authenticated with the lease token
 * it reads from the secret store ({@link RateBudgetSettings#LEASE_TOKEN_SECRET}). Without it each JVM keeps its
 * own budget.
 */
public final class IngestJob {
  static final String USAGE = "usage: IngestJob (--pipeline FILE | --pipeline-base64 YAML) [--once] [--run-on-start] [--home DIR]"
      + " [--allow-private-networks] [--allowed-host HOST[:PORT]]... [--control-url URL]";

  private IngestJob() {}

  /** Parsed program arguments. */
  record Arguments(Path pipelineFile, byte[] pipelineYaml, boolean once, Path home, AddressPolicy network,
      boolean runOnStart, URI controlUrl) {

    static Arguments parse(String[] args) {
      Path file = null;
      byte[] yaml = null;
      boolean once = false;
      boolean runOnStart = false;
      Path home = null;
      AddressPolicy network = AddressPolicy.strict();
      URI control = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--pipeline" -> file = Path.of(value(args, ++i, "--pipeline"));
          case "--pipeline-base64" -> yaml = decode(value(args, ++i, "--pipeline-base64"));
          case "--home" -> home = Path.of(value(args, ++i, "--home"));
          case "--once" -> once = true;
          case "--run-on-start" -> runOnStart = true;
          case "--allow-private-networks" -> network = network.allowingPrivateNetworks(true);
          case "--allowed-host" -> network = network.allowingHost(value(args, ++i, "--allowed-host"));
          case "--control-url" -> control = controlUrl(value(args, ++i, "--control-url"));
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
        }
      }
      if ((file == null) == (yaml == null)) {
        throw new IllegalArgumentException("give exactly one of --pipeline and --pipeline-base64; " + USAGE);
      }
      return new Arguments(file, yaml, once, home, network, runOnStart, control);
    }

    private static URI controlUrl(String value) {
      try {
        URI uri = new URI(value);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
          throw new URISyntaxException(value, "expected an http(s) URL with a host");
        }
        return uri;
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--control-url: " + e.getMessage());
      }
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value; " + USAGE);
      }
      return args[i];
    }

    private static byte[] decode(String base64) {
      try {
        return Base64.getDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--pipeline-base64: not base64 text");
      }
    }
  }

  /**
   * The program arguments that run {@code yaml} (the pipeline definition) under {@code network}, the policy the
   * control plane validated it with.
   */
  public static String[] arguments(String yaml, boolean once, String home, AddressPolicy network) {
    return arguments(yaml, once, home, network, false);
  }

  /** {@link #arguments}, the scheduled job starting its first run at once ({@code --run-on-start}) when asked. */
  public static String[] arguments(String yaml, boolean once, String home, AddressPolicy network,
      boolean runOnStart) {
    return arguments(yaml, once, home, network, runOnStart, null);
  }

  /** {@link #arguments}, leasing rate budgets from the control API at {@code controlUrl} (null: none). */
  public static String[] arguments(String yaml, boolean once, String home, AddressPolicy network,
      boolean runOnStart, URI controlUrl) {
    String encoded = Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8));
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--pipeline-base64", encoded));
    if (once) {
      args.add("--once");
    }
    if (runOnStart && !once) {
      args.add("--run-on-start");
    }
    if (home != null) {
      args.add("--home");
      args.add(home);
    }
    if (network.allowsPrivateNetworks()) {
      args.add("--allow-private-networks");
    }
    for (String host : network.allowedHosts()) {
      args.add("--allowed-host");
      args.add(host);
    }
    if (controlUrl != null) {
      args.add("--control-url");
      args.add(controlUrl.toString());
    }
    return args.toArray(String[]::new);
  }

  public static void main(String[] args) throws Exception {
    Arguments arguments = Arguments.parse(args);
    IngestHome home = arguments.home() == null ? IngestHome.fromEnvironment() : new IngestHome(arguments.home());
    PipelineSpec pipeline;
    try {
      // The deployer hands over a definition the control plane validated with the operator's network policy, and
      // that policy: the loader checks the base URL again and the HTTP runtime checks every connection with it.
      PipelineLoader loader = new PipelineLoader(home.specDefaults(arguments.network()));
      pipeline = arguments.pipelineFile() != null
          ? loader.load(arguments.pipelineFile())
          : loader.parse("--pipeline-base64", arguments.pipelineYaml(), null);
    } catch (SpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(jobConfiguration(env.getConfiguration(), pipeline, home));
    env.setParallelism(pipeline.runtime().parallelism());
    SecretStoreProvider secrets = SecretSettings.provider(home);
    PipelineGraphs.addTo(env, pipeline, secrets, compileOptions(arguments, secrets));
    env.execute("ingest " + pipeline.name());
  }

  /** How the job compiles: once or scheduled, and where it leases rate budgets when a control URL is given. */
  static CompileOptions compileOptions(Arguments arguments, SecretStoreProvider secrets) {
    CompileOptions options = arguments.once() ? CompileOptions.once()
        : CompileOptions.scheduled().withRunOnStart(arguments.runOnStart());
    if (arguments.controlUrl() != null) {
      options = options.withRateBudget(RateBudgetSettings.of(arguments.controlUrl()).withLeaseToken(secrets));
    }
    return options;
  }

  /** The pipeline's job settings; the cluster's checkpoint directory and state backend win where it sets them. */
  static Configuration jobConfiguration(ReadableConfig cluster, PipelineSpec pipeline, IngestHome home) {
    Configuration conf = JobConfiguration.forPipeline(pipeline, home.checkpoints(pipeline.name()),
        cluster.getOptional(StateBackendOptions.STATE_BACKEND).orElse("hashmap"));
    cluster.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
        .ifPresent(dir -> conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
    return conf;
  }
}
