package io.lakelab.platform.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Walks the audit chain in id order and reports the first broken link: a record whose content no
 * longer hashes to its stored hash (edited), or whose {@code prev_hash} is not the hash of the record
 * before it (a record before it was deleted, inserted or reordered). Then it checks the chain head
 * (records removed from the end) and every signed checkpoint: signature, and that the record at the
 * checkpoint's position still carries the checkpoint's id and hash (a chain rewritten and rehashed
 * inside the database no longer matches).
 */
final class ChainVerifier {

    static final int PAGE = 1000;

    private ChainVerifier() {}

    static AuditService.Verification verify(
            BiFunction<Long, Integer, List<AuditRepository.Row>> pages,
            AuditRepository.Head head,
            List<AuditCheckpoints.Stored> checkpoints,
            SigningKey key) {
        Map<Long, AuditCheckpoints.Stored> wanted = new HashMap<>();
        for (AuditCheckpoints.Stored s : checkpoints) {
            if (s.checkpoint() != null) {
                wanted.put(s.checkpoint().records(), s);
            }
        }
        Map<Long, AuditRepository.Row> atPosition = new HashMap<>();
        String expectedPrev = AuditChain.GENESIS;
        long position = 0;
        long lastId = 0;
        AuditService.Broken broken = null;
        walk:
        for (List<AuditRepository.Row> page = pages.apply(0L, PAGE);
                !page.isEmpty();
                page = pages.apply(lastId, PAGE)) {
            for (AuditRepository.Row r : page) {
                position++;
                lastId = r.id();
                if (r.hash() == null) {
                    broken = new AuditService.Broken(
                            r.id(),
                            "record " + r.id() + " has no hash: it is not sealed into"
                                    + " the chain (written around the platform, or the chain was never appended to since)");
                    break walk;
                }
                if (!expectedPrev.equals(r.prevHash())) {
                    broken = new AuditService.Broken(
                            r.id(),
                            "record " + r.id() + " does not link to the record before it (its prev_hash is not that"
                                    + " record's hash): a record before it was deleted, inserted or reordered");
                    break walk;
                }
                if (!AuditChain.hash(r.prevHash(), r.canonical()).equals(r.hash())) {
                    broken = new AuditService.Broken(
                            r.id(),
                            "record " + r.id() + " was changed after it was written: its content no longer matches its"
                                    + " hash");
                    break walk;
                }
                if (wanted.containsKey(position)) {
                    atPosition.put(position, r);
                }
                expectedPrev = r.hash();
            }
        }
        if (broken == null && (head.records() != position || !head.hash().equals(expectedPrev))) {
            broken = new AuditService.Broken(
                    head.lastId(),
                    "the chain head says " + head.records() + " records ending with record " + head.lastId()
                            + ", but the table holds " + position + " ending with record " + lastId
                            + ": records were removed from the end");
        }
        List<AuditService.CheckpointCheck> checks = new ArrayList<>();
        for (AuditCheckpoints.Stored s : checkpoints) {
            checks.add(check(
                    s,
                    atPosition.get(s.checkpoint() == null ? -1 : s.checkpoint().records()),
                    position,
                    key,
                    broken));
        }
        boolean intact = broken == null && checks.stream().allMatch(AuditService.CheckpointCheck::valid);
        return new AuditService.Verification(intact, position, expectedPrev, Instant.now(), broken, checks);
    }

    private static AuditService.CheckpointCheck check(
            AuditCheckpoints.Stored s,
            AuditRepository.Row row,
            long chainLength,
            SigningKey key,
            AuditService.Broken broken) {
        Checkpoint c = s.checkpoint();
        if (c == null) {
            return new AuditService.CheckpointCheck(s.file(), 0, null, false, "the checkpoint file does not parse");
        }
        String problem = null;
        if (!key.keyId().equals(c.keyId()) || c.signature() == null || !key.verifies(c.payload(), c.signature())) {
            problem = "the signature does not verify with the platform's key " + key.keyId()
                    + ": the checkpoint was altered or signed by another key";
        } else if (c.records() == 0) {
            problem = null;
        } else if (row == null && broken != null) {
            problem =
                    "cannot be checked: the chain breaks at record " + broken.id() + " before position " + c.records();
        } else if (c.records() > chainLength) {
            problem = "the checkpoint covers " + c.records() + " records but the chain holds only " + chainLength
                    + (broken != null ? " up to its first broken link" : ": records were removed");
        } else if (row == null || row.id() != c.lastId() || !c.hash().equals(row.hash())) {
            problem = "record " + c.lastId() + " at position " + c.records()
                    + " no longer has the checkpointed hash: the chain was rewritten since " + c.at();
        }
        return new AuditService.CheckpointCheck(s.file(), c.records(), c.hash(), problem == null, problem);
    }
}
