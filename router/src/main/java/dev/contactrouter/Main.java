package dev.contactrouter;

import dev.contactrouter.config.ApiKey;
import dev.contactrouter.config.RouterConfig;
import dev.contactrouter.config.Setting;
import dev.contactrouter.cluster.ClusterSetup;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar contact-router.jar [--demo] [--config file.json]} */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0 && "verify-bundle".equals(args[0])) {
      System.exit(VerifyBundle.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
    }
    boolean demo = false;
    boolean verify = false;
    boolean archiveJournal = false;
    String archiveDir = null;
    boolean verifyReports = false;
    boolean rebuild = false;
    String configFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--demo" -> demo = true;
        case "verify-journal" -> verify = true;
        case "archive-journal" -> archiveJournal = true;
        case "--archive" -> archiveDir = value(args, ++i, "--archive needs the archive directory");
        case "verify-reports" -> verifyReports = true;
        case "--rebuild" -> rebuild = true;
        case "--config" -> configFile = value(args, ++i, "--config needs a file");
        case "--help", "-h" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (archiveDir != null && !verify) {
      usage("--archive goes with verify-journal");
    }
    if (verify) {
      VerifyJournal.run(Vertx.vertx(RouterApp.vertxOptions()), configFile, archiveDir);
      return;
    }
    if (archiveJournal) {
      ArchiveJournal.run(Vertx.vertx(RouterApp.vertxOptions()), configFile);
      return;
    }
    if (verifyReports) {
      VerifyReports.run(Vertx.vertx(), configFile, rebuild);
      return;
    }
    List<ApiKey> generated = new ArrayList<>();
    List<RouterApp.GeneratedUser> users = new ArrayList<>();
    // The configuration is read (and plain passwords hashed) on a Vert.x of its own, closed before
    // the node's own starts: a cluster node's Vert.x needs the configuration to be built. The node
    // is then started from a plain thread of its own, never from a Vert.x thread, and nothing waits.
    Vertx bootstrap = Vertx.vertx();
    boolean runDemo = demo;
    Executor starter = task -> new Thread(task, "router-start").start();
    RouterConfig.load(bootstrap, configFile)
        .map(c -> RouterApp.withGeneratedKeys(runDemo ? c.withDemo(true) : c, generated))
        .compose(c -> bootstrap.executeBlocking(() -> RouterApp.withConcretePort(RouterApp.withGeneratedUsers(c, users))))
        .onComplete(read -> starter.execute(() -> {
          bootstrap.close();
          if (read.failed()) {
            fail(read.cause());
          } else {
            startNode(read.result(), generated, users);
          }
        }));
  }

  private static void startNode(RouterConfig config, List<ApiKey> generated, List<RouterApp.GeneratedUser> users) {
    Future<Vertx> node = config.cluster().clustered()
        ? ClusterSetup.start(config, RouterApp.vertxOptions())
        : Future.succeededFuture(Vertx.vertx(RouterApp.vertxOptions()));
    if (config.cluster().clustered()) {
      LOG.info("node {} joining the cluster on {}:{} ({})", config.cluster().nodeId(), config.cluster().host(),
          config.cluster().port(), config.cluster().kubernetesService().isBlank()
              ? "members " + String.join(",", config.cluster().members())
              : "Kubernetes service " + config.cluster().kubernetesService());
    }
    Runnable started = startDeadline(config.cluster().startTimeoutSeconds());
    node.onFailure(Main::fail).onSuccess(vertx -> RouterApp.start(vertx, config)
        .onSuccess(app -> {
          started.run();
          printKeys(generated, app.httpPort(), app.config().demo());
          printUsers(users, app.httpPort(), app.config().apiKeys());
          LOG.info("console at http://localhost:{}/ ({} user(s) can sign in)", app.httpPort(), app.config().users().size());
          if (app.config().demo()) {
            LOG.info("demo running: try GET http://localhost:{}/v1/queues/stocks/stats with the supervisor key",
                app.httpPort());
          }
          Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, app), "router-shutdown"));
        })
        .onFailure(err -> {
          vertx.close();
          fail(err);
        }));
  }

  /**
   * Gives a start a deadline: a start that neither succeeds nor fails (seen when a database
   * connection attempt timed out on an overloaded machine and the pool lost its answer) would
   * otherwise leave a process that runs but never listens, which no supervisor restarts.
   */
  private static Runnable startDeadline(int seconds) {
    if (seconds == 0) {
      return () -> { };
    }
    Timer timer = new Timer("router-start-deadline", true);
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        LOG.error("cannot start: not ready after {} s ({}); exiting", seconds, Setting.START_TIMEOUT_SECONDS.env());
        System.exit(1);
      }
    }, seconds * 1000L);
    return timer::cancel;
  }

  private static void fail(Throwable err) {
    LOG.error("cannot start: {}", err.getMessage());
    System.exit(1);
  }

  /**
   * SIGTERM (or Ctrl-C): stop taking work, finish journaling, hand the domains over, close
   * sockets with a reconnect hint, leave the cluster; all within the configured shutdown timeout.
   */
  private static void shutdown(Vertx vertx, RouterApp app) {
    long bound = app.config().cluster().shutdownMillis();
    long started = System.nanoTime();
    LOG.info("stopping: handing domains over and closing connections (at most {} ms)", bound);
    CountDownLatch done = new CountDownLatch(1);
    app.stop().eventually(vertx::close).onComplete(ar -> done.countDown());
    try {
      if (!done.await(bound, TimeUnit.MILLISECONDS)) {
        LOG.warn("stop did not finish within {} ms; exiting anyway", bound);
      } else {
        LOG.info("stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The generated keys and commands to try with them. With the demo running, the commands read its
   * queue and add a caller to it; they never replace the demo's configuration.
   */
  private static void printKeys(List<ApiKey> keys, int port, boolean demo) {
    if (keys.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder("\n  No ROUTER_API_KEYS configured: generated these for this run only\n");
    for (ApiKey k : keys) {
      s.append(String.format("    %-12s %s%n", k.roleSpec(), k.key()));
    }
    String admin = keys.stream().filter(k -> k.role().equals("admin")).findFirst().map(ApiKey::key).orElse("");
    String telephony = keys.stream().filter(k -> k.role().equals("telephony")).findFirst().map(ApiKey::key).orElse("");
    s.append("\n  Try:\n");
    if (demo) {
      String supervisor = keys.stream().filter(k -> k.role().equals("supervisor")).findFirst().map(ApiKey::key).orElse(admin);
      s.append(String.format("    curl localhost:%d/v1/queues/stocks/stats -H 'Authorization: Bearer %s'%n", port, supervisor));
    } else {
      s.append(String.format("    curl -X PUT localhost:%d/v1/queues/stocks -H 'Authorization: Bearer %s' "
            + "-H 'Content-Type: application/json' -d '{\"name\":\"Stocks\",\"channel\":\"voice\",\"skills\":{\"stocks\":2}}'%n", port, admin));
    }
    s.append(String.format("    curl -X POST localhost:%d/v1/contacts -H 'Authorization: Bearer %s' "
            + "-H 'Content-Type: application/json' -d '{\"channel\":\"voice\",\"queue\":\"stocks\",\"customer\":{\"id\":\"c-1\",\"tier\":\"vip\",\"riskLevel\":3}}'%n", port, telephony));
    // Printed, not logged: keys must never reach log files.
    System.out.println(s);
  }

  /** The generated console users, and with the demo the branch board's address with its board key. */
  private static void printUsers(List<RouterApp.GeneratedUser> users, int port, List<ApiKey> keys) {
    if (users.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder(String.format(
        "%n  Demo console users for this run only: sign in at http://localhost:%d/%n", port));
    for (RouterApp.GeneratedUser u : users) {
      s.append(String.format("    %-12s %-18s %s%n", u.username(), u.password(), u.roleSpec()));
    }
    keys.stream().filter(k -> k.role().equals("board")).findFirst().ifPresent(board -> s.append(String.format(
        "  Branch board of site %s: http://localhost:%d/board.html#site=%s&key=%s%n", board.site(), port, board.site(),
        board.key())));
    // Printed, not logged: passwords must never reach log files.
    System.out.println(s);
  }

  /** The value of an option, the argument at {@code i}; the usage and {@code missing} when there is none. */
  private static String value(String[] args, int i, String missing) {
    if (i >= args.length) {
      usage(missing);
    }
    return args[i];
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println("usage: java -jar contact-router.jar [--demo] [--config config.json]\n"
        + "       java -jar contact-router.jar verify-journal [--config config.json]"
        + "   (checks the hash chain of every domain in ROUTER_PG_URL)\n"
        + "       java -jar contact-router.jar verify-journal --archive DIR [--config config.json]"
        + "   (the same, through the archived months in DIR too)\n"
        + "       java -jar contact-router.jar archive-journal [--config config.json]"
        + "   (archives the months past ROUTER_JOURNAL_RETENTION_DAYS into ROUTER_ARCHIVE_DIR now)\n"
        + "       java -jar contact-router.jar verify-bundle FILE [--public-key FILE | --fingerprint HEX]"
        + "   (checks an audit bundle offline)\n"
        + "       java -jar contact-router.jar verify-reports [--rebuild] [--config config.json]"
        + "   (recomputes the report aggregates from the journal and lists differences; --rebuild first empties them)");
    System.exit(problem == null ? 0 : 2);
  }
}
