package io.lakelab.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain walk on in-memory rows: every kind of tampering is named at the right record. */
class ChainVerifierTest {

    @TempDir
    Path dir;

    private SigningKey key;
    private List<AuditRepository.Row> rows;

    @BeforeEach
    void chain() {
        key = SigningKey.loadOrCreate(dir);
        rows = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (long id = 1; id <= 5; id++) {
            AuditRepository.Row r = row(id, "alice", prev, null);
            String hash = AuditChain.hash(prev, r.canonical());
            rows.add(row(id, "alice", prev, hash));
            prev = hash;
        }
    }

    @Test
    void anIntactChainVerifies() {
        AuditService.Verification v =
                verify(List.of(checkpoint(3, 3, rows.get(2).hash())));
        assertThat(v.intact()).isTrue();
        assertThat(v.records()).isEqualTo(5);
        assertThat(v.lastHash()).isEqualTo(rows.get(4).hash());
        assertThat(v.checkpoints())
                .singleElement()
                .satisfies(c -> assertThat(c.valid()).isTrue());
    }

    @Test
    void anEditedRecordIsNamed() {
        AuditRepository.Row r = rows.get(2);
        rows.set(2, row(3, "mallory", r.prevHash(), r.hash()));
        assertThat(verify(List.of()).firstBroken())
                .isEqualTo(new AuditService.Broken(
                        3, "record 3 was changed after it was written: its content no longer matches its hash"));
    }

    @Test
    void aDeletedRecordBreaksTheLinkOfTheNextOne() {
        rows.remove(1);
        AuditService.Broken broken = verify(List.of()).firstBroken();
        assertThat(broken.id()).isEqualTo(3);
        assertThat(broken.reason()).contains("does not link to the record before it");
    }

    @Test
    void recordsRemovedFromTheEndContradictTheHead() {
        AuditRepository.Head head = head();
        rows.remove(4);
        AuditService.Verification v = ChainVerifier.verify(this::page, head, List.of(), key);
        assertThat(v.firstBroken().reason()).contains("records were removed from the end");
    }

    @Test
    void aForgedOrStaleCheckpointFails() throws Exception {
        Checkpoint forged = checkpoint(3, 3, rows.get(2).hash());
        Checkpoint tampered = new Checkpoint(
                forged.day(), forged.at(), 4, 4, forged.hash(), forged.algorithm(), forged.keyId(), forged.signature());
        Checkpoint otherKey = sign(
                SigningKey.loadOrCreate(Files.createTempDirectory(dir, "other")),
                3,
                3,
                rows.get(2).hash());
        Checkpoint rewritten = checkpoint(2, 2, "f".repeat(64));
        Checkpoint beyond = checkpoint(9, 9, "e".repeat(64));
        List<AuditService.CheckpointCheck> checks =
                verify(List.of(tampered, otherKey, rewritten, beyond)).checkpoints();
        assertThat(checks).extracting(AuditService.CheckpointCheck::valid).containsOnly(false);
        assertThat(checks.get(0).problem()).contains("the signature does not verify");
        assertThat(checks.get(1).problem()).contains("the signature does not verify");
        assertThat(checks.get(2).problem()).contains("record 2 at position 2 no longer has the checkpointed hash");
        assertThat(checks.get(3).problem()).contains("covers 9 records but the chain holds only 5");
    }

    private AuditService.Verification verify(List<Checkpoint> checkpoints) {
        List<AuditCheckpoints.Stored> stored = checkpoints.stream()
                .map(c -> new AuditCheckpoints.Stored(c.day() + ".json", c))
                .toList();
        AuditRepository.Head head = rows.isEmpty()
                ? new AuditRepository.Head(0, AuditChain.GENESIS, 0)
                : new AuditRepository.Head(
                        rows.get(rows.size() - 1).id(),
                        rows.get(rows.size() - 1).hash(),
                        rows.size());
        return ChainVerifier.verify(this::page, head, stored, key);
    }

    private AuditRepository.Head head() {
        AuditRepository.Row last = rows.get(rows.size() - 1);
        return new AuditRepository.Head(last.id(), last.hash(), rows.size());
    }

    private List<AuditRepository.Row> page(long afterId, int limit) {
        // Pages of two, to walk across page boundaries.
        return rows.stream()
                .filter(r -> r.id() > afterId)
                .limit(Math.min(limit, 2))
                .toList();
    }

    private Checkpoint checkpoint(long records, long lastId, String hash) {
        return sign(key, records, lastId, hash);
    }

    private static Checkpoint sign(SigningKey k, long records, long lastId, String hash) {
        Checkpoint c = new Checkpoint(
                LocalDate.of(2026, 12, 4),
                Instant.parse("2026-12-04T00:05:00Z"),
                records,
                lastId,
                hash,
                "Ed25519",
                k.keyId(),
                null);
        return new Checkpoint(c.day(), c.at(), records, lastId, hash, "Ed25519", k.keyId(), k.sign(c.payload()));
    }

    private static AuditRepository.Row row(long id, String actor, String prev, String hash) {
        return new AuditRepository.Row(
                id,
                Instant.parse("2026-12-04T10:00:00Z").plusSeconds(id),
                actor,
                "lab.create",
                "lab:lowcarbon",
                "SUCCEEDED",
                AuditChain.READER.valueToTree(Map.of("n", id)),
                prev,
                hash);
    }
}
