package io.lakelab.platform.identity;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./lakelab user add NAME --role ROLE [--lab CODE]...} and {@code ./lakelab user list}: user
 * administration of a running embedded platform through its API ({@code POST/GET /api/v1/users})
 * with the demo administrator's token. {@code add} keeps the returned secret in the owner-only
 * {@code user-credentials.json} beside the platform's own credentials file, so that {@code
 * ./lakelab token NAME} works for the new user; it never prints the secret.
 */
public final class UserCommand {

    static final String USAGE =
            "usage: ./lakelab user add NAME --role ROLE [--role ROLE]... [--lab CODE]... [--as ADMIN]\n"
                    + "       ./lakelab user list [--as ADMIN]\n"
                    + "  roles: platform-admin, lab-engineer, analyst, reviewer; --as: the administrator to act as"
                    + " (default admin)";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UserCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), LocalPlatform.home(), System.out, System.err));
    }

    /** Runs the command against the platform whose LakeLab home is {@code home}; returns the exit code. */
    public static int run(List<String> args, Path home, PrintStream out, PrintStream err) {
        Arguments parsed;
        try {
            parsed = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            LocalPlatform platform = LocalPlatform.open(home);
            if (parsed.add()) {
                add(platform, parsed, out);
            } else {
                list(platform, parsed, out);
            }
            return 0;
        } catch (LocalPlatform.Failure e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static void add(LocalPlatform platform, Arguments args, PrintStream out) {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", args.name());
        args.roles().forEach(body.putArray("roles")::add);
        args.labs().forEach(body.putArray("labs")::add);
        HttpResponse<String> response = platform.send(request(platform, args.admin(), "/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
        JsonNode created = checked(response, 201, "create user " + args.name());
        platform.remember(
                created.path("username").asString(),
                created.path("clientSecret").asString());
        out.println("Created user " + created.path("username").asString() + " (roles "
                + String.join(", ", strings(created.path("roles"))) + "; labs "
                + (created.path("labs").isEmpty() ? "none" : String.join(", ", strings(created.path("labs")))) + ").");
        out.println("Get a token for them:  ./lakelab token " + args.name());
        out.println("Their client secret is kept (owner-only) in " + platform.userCredentialsFile()
                + "; the platform stores only its hash.");
    }

    private static void list(LocalPlatform platform, Arguments args, PrintStream out) {
        JsonNode users = checked(
                platform.send(request(platform, args.admin(), "/users").GET().build()), 200, "list users");
        out.printf("%-20s %-30s %-30s %s%n", "USER", "ROLES", "LABS", "CREATED BY");
        for (JsonNode u : users) {
            out.printf(
                    "%-20s %-30s %-30s %s%n",
                    u.path("username").asString(),
                    String.join(",", strings(u.path("roles"))),
                    String.join(",", strings(u.path("labs"))),
                    u.path("createdBy").asString());
        }
    }

    private static HttpRequest.Builder request(LocalPlatform platform, String admin, String path) {
        return HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Authorization", "Bearer " + platform.token(admin));
    }

    private static JsonNode checked(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() == expected) {
            return JSON.readTree(response.body());
        }
        String detail = response.body();
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("detail").isString()) {
                detail = problem.path("detail").asString();
            }
        } catch (RuntimeException notJson) {
            // Print the body as it came.
        }
        throw new LocalPlatform.Failure(
                "The platform refused to " + what + " (HTTP " + response.statusCode() + "): " + detail);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The parsed command line. */
    record Arguments(boolean add, String name, List<String> roles, List<String> labs, String admin) {

        static Arguments parse(List<String> args) {
            if (args.isEmpty() || !(args.get(0).equals("add") || args.get(0).equals("list"))) {
                throw new IllegalArgumentException("Say what to do: add or list.");
            }
            boolean add = args.get(0).equals("add");
            String name = null;
            List<String> roles = new ArrayList<>();
            List<String> labs = new ArrayList<>();
            String admin = "admin";
            for (int i = 1; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--role" -> roles.add(value(args, ++i, arg));
                    case "--lab" -> labs.add(value(args, ++i, arg));
                    case "--as" -> admin = value(args, ++i, arg);
                    default -> {
                        if (arg.startsWith("--") || !add || name != null) {
                            throw new IllegalArgumentException("Unexpected argument '" + arg + "'.");
                        }
                        name = arg;
                    }
                }
            }
            if (add && name == null) {
                throw new IllegalArgumentException("Give the new user's name.");
            }
            if (add && roles.isEmpty()) {
                throw new IllegalArgumentException("Give at least one --role for " + name + ".");
            }
            return new Arguments(add, name, List.copyOf(roles), List.copyOf(labs), admin);
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value.");
            }
            return args.get(i);
        }
    }
}
