package io.lakelab.catalog.iceberg;

import io.lakelab.catalog.LakeLabException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text encodings a CSV file may be in: UTF-8 (the default), GB18030 and GBK (what Chinese Excel
 * writes for "CSV (逗号分隔)"), and UTF-16. A byte-order mark at the start of the file wins over the
 * requested encoding, so UTF-8 files with a BOM and UTF-16 files with a BOM just work. Before a file is
 * parsed it is decoded once in full: a byte sequence the encoding cannot decode is reported with its
 * line, instead of failing half-way through the load.
 */
public final class CsvEncoding {
    /** The encodings accepted, by the names users give. */
    public static final List<String> SUPPORTED = List.of("UTF-8", "GB18030", "GBK", "UTF-16", "UTF-16LE", "UTF-16BE");

    private static final Map<String, String> ALIASES = Map.of("UTF8", "UTF-8", "GB2312", "GB18030", "UTF16", "UTF-16");
    private static final Charset GB18030 = Charset.forName("GB18030");

    private CsvEncoding() {}

    /** The charset for an encoding name (case-insensitive); UTF-8 when {@code name} is null or blank. */
    public static Charset resolve(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        String canonical = ALIASES.getOrDefault(upper, upper);
        if (!SUPPORTED.contains(canonical)) {
            throw LakeLabException.badRequest("Encoding '" + name + "' is not supported for CSV files: use one of "
                    + String.join(", ", SUPPORTED) + " (GB18030 also reads GBK and GB2312 files).");
        }
        return Charset.forName(canonical);
    }

    /** A file's charset after looking at its byte-order mark, and how many bytes the mark takes. */
    record Detected(Charset charset, int bomLength) {}

    static Detected detect(Path file, Charset requested) throws IOException {
        byte[] head = new byte[3];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 3);
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        // "UTF-16" without a mark means big-endian, as the Unicode standard says
        return new Detected(requested.equals(StandardCharsets.UTF_16) ? StandardCharsets.UTF_16BE : requested, 0);
    }

    /**
     * UTF-8 instead of GB18030 or GBK when the file is valid UTF-8 holding non-ASCII text: Chinese text in
     * GBK is practically never valid UTF-8, while UTF-8 read as GB18030 turns silently into mojibake.
     */
    static Detected preferUtf8(Path file, Detected detected) throws IOException {
        String name = detected.charset().name();
        if (detected.bomLength() > 0 || !(name.equals("GB18030") || name.equals("GBK"))) {
            return detected;
        }
        boolean nonAscii = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0 && !nonAscii; n = in.read(buffer)) {
                for (int i = 0; i < n && !nonAscii; i++) {
                    nonAscii = buffer[i] < 0;
                }
            }
        }
        return nonAscii && decodes(file, StandardCharsets.UTF_8) ? new Detected(StandardCharsets.UTF_8, 0) : detected;
    }

    /** A reader over the file's text after the byte-order mark; decoding problems are errors, never '?'. */
    static Reader open(Path file, Detected detected) throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(detected.bomLength());
        return new BufferedReader(new InputStreamReader(in, strict(detected.charset())), 1 << 16);
    }

    /**
     * Decodes the whole file; when it holds bytes the charset cannot decode, throws an {@link
     * IngestionException} naming the line, the bytes and how to fix it.
     */
    static void check(Path file, Detected detected, String fileName) throws IOException {
        CharsetDecoder decoder = strict(detected.charset());
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        try (InputStream stream = Files.newInputStream(file)) {
            stream.skipNBytes(detected.bomLength());
            boolean eof = false;
            while (!eof) {
                int read = stream.read(in.array(), in.position(), in.remaining());
                eof = read < 0;
                if (!eof) {
                    in.position(in.position() + read);
                }
                in.flip();
                CoderResult result;
                do {
                    result = decoder.decode(in, out, eof);
                    line += newlines(out);
                    if (result.isError()) {
                        byte[] bad = new byte[Math.min(result.length(), in.remaining())];
                        in.get(bad);
                        throw problem(file, detected.charset(), fileName, line, bad);
                    }
                } while (result.isOverflow());
                in.compact();
            }
            decoder.flush(out);
        }
    }

    private static long newlines(CharBuffer out) {
        out.flip();
        long n = 0;
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                n++;
            }
        }
        out.clear();
        return n;
    }

    private static IngestionException problem(Path file, Charset charset, String fileName, long line, byte[] bad) {
        String bytes = HexFormat.ofDelimiter(" 0x").withUpperCase().formatHex(bad);
        String advice;
        if (charset.equals(StandardCharsets.UTF_8) && decodes(file, GB18030)) {
            advice = "The file looks like GB18030/GBK, which Chinese Excel writes for \"CSV (逗号分隔)\": upload it"
                    + " again with encoding=GB18030, or save it from Excel as \"CSV UTF-8 (逗号分隔)\".";
        } else if (!charset.equals(StandardCharsets.UTF_8) && decodes(file, StandardCharsets.UTF_8)) {
            advice = "The file is valid UTF-8: upload it again without the encoding option (UTF-8 is the default).";
        } else {
            advice = "Save the file as UTF-8 (in Excel: \"CSV UTF-8 (逗号分隔)\"), or give its encoding with"
                    + " encoding= one of " + String.join(", ", SUPPORTED) + ".";
        }
        String problem = "holds the byte(s) 0x" + bytes + ", which are not valid " + charset.name();
        String message = "File " + fileName + " is not valid " + charset.name() + " text: line " + line + " " + problem
                + ". " + advice + " The table was not changed.";
        return new IngestionException(message, List.of(new Violation(0, line, "(encoding)", problem, Map.of())), 1);
    }

    private static boolean decodes(Path file, Charset charset) {
        try (Reader reader = open(file, new Detected(charset, 0))) {
            char[] buffer = new char[1 << 16];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
