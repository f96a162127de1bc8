package dev.contactrouter;

import dev.contactrouter.audit.BundleVerifier;
import dev.contactrouter.audit.SigningKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code java -jar contact-router.jar verify-bundle FILE [--public-key FILE | --fingerprint HEX]}:
 * verifies an audit bundle offline (no configuration, no database) and exits 0 when it is intact,
 * 1 when anything in it was changed, removed or added (each problem named), 2 when it cannot run
 * (bad arguments, an unreadable file or pinned key). Without a pin it checks the bundle against the
 * key inside it and prints that key's fingerprint, to compare with the engine's out of band.
 */
final class VerifyBundle {
  static final int INTACT = 0;
  static final int TAMPERED = 1;
  static final int CANNOT_RUN = 2;
  static final String USAGE = "usage: java -jar contact-router.jar verify-bundle FILE [--public-key FILE | --fingerprint HEX]";

  private VerifyBundle() {}

  /** Runs the command on {@code args} (those after {@code verify-bundle}); returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String file = null;
    String pin = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("--public-key") || arg.equals("--fingerprint")) && (i + 1 >= args.length || pin != null)) {
        err.println(pin != null ? "give one pinned key: --public-key or --fingerprint" : arg + " needs a value");
        err.println(USAGE);
        return CANNOT_RUN;
      }
      if (arg.equals("--public-key")) {
        try {
          pin = SigningKey.fingerprint(SigningKey.publicKeyFromPem(Files.readString(Path.of(args[++i]))));
        } catch (IOException | IllegalArgumentException e) {
          err.println("verify-bundle: cannot read the pinned public key " + args[i] + ": " + describe(e));
          return CANNOT_RUN;
        }
      } else if (arg.equals("--fingerprint")) {
        pin = BundleVerifier.normalise(args[++i]);
        if (!pin.matches("[0-9a-f]{64}")) {
          err.println("verify-bundle: --fingerprint must be 64 hex digits (the SHA-256 of the public key), got " + args[i]);
          return CANNOT_RUN;
        }
      } else if (file == null && !arg.startsWith("--")) {
        file = arg;
      } else {
        err.println("verify-bundle: unexpected argument " + arg);
        err.println(USAGE);
        return CANNOT_RUN;
      }
    }
    if (file == null) {
      err.println(USAGE);
      return CANNOT_RUN;
    }
    BundleVerifier.Verdict verdict;
    try {
      verdict = BundleVerifier.verify(Path.of(file), pin);
    } catch (IOException e) {
      err.println("verify-bundle: cannot read " + file + ": " + describe(e));
      return CANNOT_RUN;
    }
    if (!verdict.intact()) {
      out.println("bundle " + file + ": TAMPERED");
      verdict.problems().forEach(p -> out.println("  - " + p));
      return TAMPERED;
    }
    JsonObject m = verdict.manifest();
    JsonObject covers = m.getJsonObject("covers");
    out.println("bundle " + file + ": intact");
    out.println("  domain " + m.getString("domain") + ", time range [" + m.getJsonObject("range").getString("from")
        + ", " + m.getJsonObject("range").getString("to") + ")");
    out.println(covers.getLong("firstSeq") == null
        ? "  no events in the range"
        : "  events " + covers.getLong("firstSeq") + " to " + covers.getLong("lastSeq") + " (" + covers.getLong("events")
            + " events, " + covers.getLong("eventsInRange") + " of them in the time range), chain verified from its anchor");
    out.println("  exported by " + m.getString("exportedBy") + " at " + m.getString("exportedAt") + ", engine "
        + m.getString("engineVersion"));
    out.println("  signed with Ed25519 key " + verdict.fingerprint());
    out.println(verdict.pinned()
        ? "  the key is the one pinned"
        : "  NOT PINNED: only the bundle's own key was checked; compare its fingerprint with the engine's "
            + "(GET /v1/audit/signing-key), obtained out of band, or pass --fingerprint or --public-key");
    return INTACT;
  }

  private static String describe(Exception e) {
    return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
  }
}
