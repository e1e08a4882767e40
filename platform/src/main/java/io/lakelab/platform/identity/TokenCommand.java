package io.lakelab.platform.identity;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./lakelab token USER}: prints a bearer token for a user of a running embedded platform,
 * a demo user (from the owner-only credentials file the platform wrote) or one created with
 * {@code ./lakelab user add}. Refuses when there is no such file, which is always the case when an
 * external issuer (Keycloak) is configured.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), LocalPlatform.home(), System.out, System.err));
    }

    /** Runs the command against the platform whose LakeLab home is {@code home}; returns the exit code. */
    public static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("usage: ./lakelab token USER");
            return 2;
        }
        try {
            out.println(LocalPlatform.open(home).token(args.get(0)));
            return 0;
        } catch (LocalPlatform.Failure e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
