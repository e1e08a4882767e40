package io.lakelab.platform.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of a docs page, in page order. The conventions, each a line of its own:
 *
 * <ul>
 *   <li>{@code **File** `PATH`} then a fenced block: a file the following examples use;
 *   <li>{@code **Request** `METHOD PATH` as `USER`}, optionally {@code ; keep `VAR=.field`}, then
 *       a {@code ```json} block with the body (none for a request without one);
 *   <li>{@code **Upload** `POST PATH` as `USER` with `FILE`}: a multipart upload of part {@code file};
 *   <li>after each request or upload, {@code **Response** `STATUS`}, optionally {@code : `field`,
 *       `field`, ...} naming every top-level field of the answer.
 * </ul>
 *
 * Paths may use {@code $VAR} for a value an earlier example kept.
 */
record DocExamples(List<FileExample> files, List<Example> examples) {

    /** A file to write before the examples run. */
    record FileExample(String path, String content) {}

    /** One request and the answer the page promises. */
    record Example(
            int line,
            String method,
            String path,
            String user,
            String body,
            String uploadFile,
            String keepVariable,
            String keepField,
            int status,
            List<String> fields) {

        /** The path without its query string. */
        String pathOnly() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + method + " " + path + " as " + user;
        }
    }

    private static final Pattern FILE = Pattern.compile("^\\*\\*File\\*\\* `([^`]+)`$");
    private static final Pattern REQUEST = Pattern.compile(
            "^\\*\\*Request\\*\\* `(GET|POST|PUT|PATCH|DELETE) ([^` ]+)` as `(\\w+)`(?:; keep `(\\w+)=\\.(\\w+)`)?$");
    private static final Pattern UPLOAD =
            Pattern.compile("^\\*\\*Upload\\*\\* `POST ([^` ]+)` as `(\\w+)` with `([^`]+)`$");
    private static final Pattern RESPONSE = Pattern.compile("^\\*\\*Response\\*\\* `(\\d{3})`(?:: (.+))?$");
    private static final Pattern FIELD = Pattern.compile("`(\\w+)`");

    static DocExamples parse(String markdown) {
        List<String> lines = Arrays.asList(markdown.split("\n", -1));
        List<FileExample> files = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher file = FILE.matcher(line);
            Matcher request = REQUEST.matcher(line);
            Matcher upload = UPLOAD.matcher(line);
            if (file.matches()) {
                files.add(new FileExample(file.group(1), fence(lines, i + 1)));
            } else if (request.matches() || upload.matches()) {
                int at = i + 1;
                String body = null;
                if (at < lines.size() && lines.get(at).startsWith("```")) {
                    if (request.matches() && !lines.get(at).equals("```json")) {
                        throw new IllegalArgumentException(
                                "line " + (at + 1) + ": a request's body is a ```json block, not " + lines.get(at));
                    }
                    String block = fence(lines, at);
                    body = request.matches() ? block : null;
                    at += (int) block.chars().filter(c -> c == '\n').count() + 2;
                }
                Matcher response = RESPONSE.matcher(at < lines.size() ? lines.get(at) : "");
                if (!response.matches()) {
                    throw new IllegalArgumentException("line " + (at + 1) + ": the example of line " + (i + 1)
                            + " must be followed by its **Response** `STATUS`: `field`, ... line, found: "
                            + (at < lines.size() ? lines.get(at) : "end of page"));
                }
                List<String> fields = response.group(2) == null
                        ? null
                        : FIELD.matcher(response.group(2))
                                .results()
                                .map(r -> r.group(1))
                                .toList();
                examples.add(
                        request.matches()
                                ? new Example(
                                        i + 1,
                                        request.group(1),
                                        request.group(2),
                                        request.group(3),
                                        body,
                                        null,
                                        request.group(4),
                                        request.group(5),
                                        Integer.parseInt(response.group(1)),
                                        fields)
                                : new Example(
                                        i + 1,
                                        "POST",
                                        upload.group(1),
                                        upload.group(2),
                                        null,
                                        upload.group(3),
                                        null,
                                        null,
                                        Integer.parseInt(response.group(1)),
                                        fields));
                i = at;
            }
        }
        return new DocExamples(files, examples);
    }

    /** The content of the fenced block opening at line {@code start}. */
    private static String fence(List<String> lines, int start) {
        if (start >= lines.size() || !lines.get(start).startsWith("```")) {
            throw new IllegalArgumentException("line " + (start + 1) + ": expected a fenced block (```)");
        }
        StringBuilder content = new StringBuilder();
        for (int i = start + 1; i < lines.size(); i++) {
            if (lines.get(i).equals("```")) {
                return content.toString();
            }
            content.append(lines.get(i)).append('\n');
        }
        throw new IllegalArgumentException("line " + (start + 1) + ": the fenced block is never closed");
    }
}
